package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Json;

/** spec.json: the contract's keys, round trips, ignored unknown keys and validation. */
class DataSpecTest {
  @TempDir Path dir;

  @Test
  void boxSpecRoundTripsWithSnakeCaseKeys() throws IOException {
    DataSpec spec =
        new DataSpec(
            32,
            new ActionSpec.Box(new double[] {-1, 0}, new double[] {1, 1}),
            1000,
            "CarRacing-v3");
    EpisodeStore.writeSpec(dir, spec);
    JsonNode json = Json.readTree(dir.resolve("spec.json"));
    assertEquals(32, json.get("z_size").asInt());
    assertEquals("box", json.get("action").get("type").asText());
    assertEquals("[-1.0,0.0]", json.get("action").get("low").toString());
    assertEquals(1000, json.get("max_episode_steps").asInt());
    assertEquals("CarRacing-v3", json.get("env").asText());
    assertEquals("{\"type\":\"identity\"}", json.get("encoder").toString());
    assertThat(json.size()).isEqualTo(5);
    assertEquals(spec, EpisodeStore.readSpec(dir).orElseThrow());
    assertEquals(2, spec.actionSize());
  }

  @Test
  void discreteSpecWithoutOptionalKeys() throws IOException {
    DataSpec spec = new DataSpec(4, new ActionSpec.Discrete(2), null, null);
    spec.write(dir.resolve("spec.json"));
    String text = Files.readString(dir.resolve("spec.json"));
    assertThat(text).doesNotContain("max_episode_steps").doesNotContain("env");
    JsonNode json = Json.readTree(dir.resolve("spec.json"));
    assertEquals("{\"type\":\"discrete\",\"n\":2}", json.get("action").toString());
    assertEquals(spec, DataSpec.read(dir.resolve("spec.json")));
    assertEquals(2, spec.actionSize());
  }

  @Test
  void absentEncoderIsTheIdentityAndIsWrittenBack() throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, "{\"z_size\": 4, \"action\": {\"type\": \"discrete\", \"n\": 2}}");
    DataSpec old = DataSpec.read(file);
    assertEquals(EncoderSpec.IDENTITY, old.encoder());
    assertThat(old.encoder().isIdentity()).isTrue();
    assertEquals(
        new DataSpec(4, new ActionSpec.Discrete(2), null, null, EncoderSpec.IDENTITY), old);
    assertEquals(new DataSpec(4, new ActionSpec.Discrete(2), null, null, null), old);
    old.write(file);
    assertEquals("{\"type\":\"identity\"}", Json.readTree(file).get("encoder").toString());
  }

  @Test
  void vaeEncoderRoundTripsWithItsDigest() throws IOException {
    String sha = "0123456789abcdef".repeat(4);
    DataSpec spec =
        new DataSpec(32, new ActionSpec.Discrete(2), 500, "cartpole-pixels", EncoderSpec.vae(sha));
    Path file = dir.resolve("spec.json");
    spec.write(file);
    assertEquals(
        "{\"type\":\"vae\",\"sha256\":\"" + sha + "\"}",
        Json.readTree(file).get("encoder").toString());
    DataSpec back = DataSpec.read(file);
    assertEquals(spec, back);
    assertThat(back.encoder().isIdentity()).isFalse();
  }

  @Test
  void unknownOrMalformedEncodersAreRefusedNamingFileAndKey() throws IOException {
    String head = "{\"z_size\": 2, \"action\": {\"type\": \"discrete\", \"n\": 2}, ";
    assertRefused(
        head + "\"encoder\": {\"type\": \"pca\"}}",
        "'encoder.type' must be identity or vae, got 'pca'");
    assertRefused(head + "\"encoder\": {}}", "'encoder.type' must be identity or vae, got none");
    assertRefused(head + "\"encoder\": {\"type\": \"vae\"}}", "'encoder.sha256' must be 64");
    assertRefused(head + "\"encoder\": {\"type\": \"vae\", \"sha256\": \"ABC\"}}", "got 'ABC'");
    assertRefused(
        head + "\"encoder\": {\"type\": \"identity\", \"sha256\": \"" + "0".repeat(64) + "\"}}",
        "'encoder.sha256' belongs to type vae only");
  }

  @Test
  void specFromATreeNamesItsSource() {
    DataSpec spec = new DataSpec(3, new ActionSpec.Discrete(2), 200, "pendulum");
    assertEquals(spec, DataSpec.fromJson(Json.valueToTree(spec), "model/metadata.json"));
    var bad = Json.objectNode().put("z_size", 3);
    bad.putObject("action").put("type", "discrete").put("n", 2);
    bad.putObject("encoder").put("type", "pca");
    assertThatThrownBy(() -> DataSpec.fromJson(bad, "model/metadata.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model/metadata.json: 'encoder.type' must be identity or vae, got 'pca'");
    assertThatThrownBy(() -> DataSpec.fromJson(null, "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("m: ");
  }

  @Test
  void unknownKeysAreIgnoredAtEveryLevel() throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(
        file,
        "{\"z_size\": 3, \"comment\": \"x\", \"nested\": {\"a\": 1},"
            + " \"action\": {\"type\": \"discrete\", \"n\": 5, \"labels\": [\"l\", \"r\"]},"
            + " \"encoder\": {\"type\": \"identity\", \"note\": \"state\"}}");
    DataSpec spec = DataSpec.read(file);
    assertEquals(3, spec.zSize());
    assertEquals(new ActionSpec.Discrete(5), spec.action());
    assertNull(spec.maxEpisodeSteps());
    assertNull(spec.env());
    assertEquals(EncoderSpec.IDENTITY, spec.encoder());
  }

  @Test
  void infiniteBoundsSurviveTheRoundTrip() throws IOException {
    ActionSpec.Box box =
        new ActionSpec.Box(
            new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY});
    DataSpec spec = new DataSpec(2, box, null, null);
    spec.write(dir.resolve("spec.json"));
    ActionSpec.Box back = (ActionSpec.Box) DataSpec.read(dir.resolve("spec.json")).action();
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY}, back.low());
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY}, back.high());
  }

  @Test
  void invalidSpecsAreRefusedNamingTheFile() throws IOException {
    assertRefused(
        "{\"z_size\": 0, \"action\": {\"type\": \"discrete\", \"n\": 2}}",
        "z_size must be >= 1, got 0");
    assertRefused(
        "{\"z_size\": 2, \"action\": {\"type\": \"discrete\", \"n\": 0}}",
        "discrete action: 'n' must be >= 1, got 0");
    assertRefused(
        "{\"z_size\": 2, \"action\": {\"type\": \"box\", \"low\": [0, 2], \"high\": [1, 1]}}",
        "box action: low[1] = 2.0 > high[1] = 1.0; expected low <= high");
    assertRefused(
        "{\"z_size\": 2, \"action\": {\"type\": \"box\", \"low\": [0], \"high\": [1, 1]}}",
        "box action: 'low' has 1 values and 'high' 2; expected the same number, at least 1");
    assertRefused("{\"z_size\": 2}", "'action' is missing");
    assertRefused("{\"z_size\": 2, \"action\": {\"type\": \"grid\"}}", "grid");
    assertRefused(
        "{\"z_size\": 2, \"action\": {\"type\": \"discrete\", \"n\": 2},"
            + " \"max_episode_steps\": 0}",
        "max_episode_steps must be >= 1, got 0");
  }

  @Test
  void boxBoundsAreDefensivelyCopied() {
    double[] low = {0};
    ActionSpec.Box box = new ActionSpec.Box(low, new double[] {1});
    low[0] = 5;
    box.low()[0] = 7;
    assertArrayEquals(new double[] {0}, box.low());
  }

  private void assertRefused(String json, String fragment) throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, json);
    assertThatThrownBy(() -> DataSpec.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(fragment)
        .hasMessageNotContaining("\n");
  }
}
