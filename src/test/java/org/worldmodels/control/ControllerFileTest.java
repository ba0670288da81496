package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.util.Json;

/** Controller files: exact round trips, the JSON layout, and every refusal naming file and key. */
class ControllerFileTest {
  @TempDir Path tmp;

  private static final ModelReference MODEL = new ModelReference("runs/m", 4000, "abc123");

  private static ControllerFile sample(ControllerSpec spec, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[spec.parameterCount()];
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(-12, 12)); // all sorts of exponents
    }
    return new ControllerFile(spec, p, MODEL);
  }

  private static ControllerFile linear() {
    return sample(ControllerSpec.linear(4, 3, new ActionSpec.Discrete(2)), 1);
  }

  @Test
  void roundTripIsExact() throws IOException {
    for (ControllerFile f :
        new ControllerFile[] {
          linear(),
          sample(
              ControllerSpec.mlp(
                  3, 5, new ActionSpec.Box(new double[] {-2, 0}, new double[] {2, 0.5}), 7),
              2)
        }) {
      Path file = tmp.resolve(f.spec().kind() + ".json");
      f.write(file);
      ControllerFile back = ControllerFile.read(file);
      assertEquals(f, back);
      assertArrayEquals(f.parameters(), back.parameters()); // bit for bit
      float[] z = new float[f.spec().zSize()];
      float[] h = new float[f.spec().hSize()];
      z[0] = 0.25f;
      h[1] = -0.5f;
      assertArrayEquals(f.controller().act(z, h), back.controller().act(z, h));
      // Writing what was read gives the same bytes.
      Path again = tmp.resolve("again-" + f.spec().kind() + ".json");
      back.write(again);
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }
  }

  @Test
  void jsonLayout() throws IOException {
    Path file = tmp.resolve("c.json");
    linear().write(file);
    JsonNode n = Json.readTree(file);
    assertEquals("worldmodels-controller", n.get("format").asText());
    assertEquals(1, n.get("format_version").asInt());
    assertThat(n.get("library_version").isTextual()).isTrue();
    assertEquals("linear", n.get("spec").get("kind").asText());
    assertEquals(4, n.get("spec").get("z_size").asInt());
    assertEquals(3, n.get("spec").get("h_size").asInt());
    assertEquals(0, n.get("spec").get("hidden_units").asInt());
    assertEquals("discrete", n.get("spec").get("action").get("type").asText());
    assertEquals(2, n.get("spec").get("action").get("n").asInt());
    assertEquals("runs/m", n.get("model").get("path").asText());
    assertEquals(4000, n.get("model").get("step").asLong());
    assertEquals("abc123", n.get("model").get("data_fingerprint").asText());
    assertEquals(2 * 7 + 2, n.get("parameters").size());
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("c.json"); // no temp
    }
  }

  @Test
  void recordChecksItsParameters() {
    ControllerSpec spec = ControllerSpec.linear(1, 1, new ActionSpec.Discrete(2));
    assertThatThrownBy(() -> new ControllerFile(spec, new double[3], MODEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 3");
    assertThatThrownBy(() -> new ControllerFile(spec, new double[6], null))
        .hasMessageContaining("model");
    double[] p = new double[6];
    ControllerFile f = new ControllerFile(spec, p, MODEL);
    p[0] = 1;
    assertEquals(0, f.parameters()[0]); // copied in
  }

  /** A good file's tree, changed by {@code edit} and written as text. */
  private Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = linear().toJson();
    edit.accept(root);
    Path file = tmp.resolve(name + ".json");
    Files.writeString(file, Json.pretty(root));
    return file;
  }

  private Path text(String name, String content) throws IOException {
    Path file = tmp.resolve(name + ".json");
    Files.writeString(file, content);
    return file;
  }

  private static ObjectNode spec(ObjectNode root) {
    return (ObjectNode) root.get("spec");
  }

  @Test
  void everyBadFileIsRefusedNamingFileAndKey() throws IOException {
    String good = Json.pretty(linear().toJson());
    Map<Path, String> cases = new LinkedHashMap<>();
    cases.put(tmp.resolve("missing.json"), "no such file");
    cases.put(text("empty", ""), "empty");
    cases.put(text("malformed", "{\"format\": "), "malformed JSON");
    cases.put(text("trailing", good + " {}"), "malformed JSON");
    cases.put(text("duplicate", good.replaceFirst("\\{", "{\"format\": \"x\",")), "Duplicate");
    cases.put(text("array", "[1, 2]"), "expected a JSON object, got an array");
    cases.put(edited("format", r -> r.put("format", "worldmodels-mdnrnn")), "key 'format' is");
    cases.put(
        edited("version", r -> r.put("format_version", 2)),
        "key 'format_version' is 2 (written by worldmodels");
    cases.put(edited("version-type", r -> r.put("format_version", "1")), "key 'format_version'");
    cases.put(edited("unknown", r -> r.put("fitness", 3)), "unknown key 'fitness'");
    cases.put(edited("no-spec", r -> r.remove("spec")), "missing key 'spec'");
    cases.put(edited("spec-type", r -> r.put("spec", 3)), "key 'spec' must be a JSON object");
    cases.put(
        edited("kind", r -> spec(r).put("kind", "rnn")),
        "key 'spec.kind': kind must be linear or mlp, got 'rnn'");
    cases.put(edited("no-kind", r -> spec(r).remove("kind")), "missing key 'spec.kind'");
    cases.put(
        edited("z-type", r -> spec(r).put("z_size", "4")),
        "key 'spec.z_size' must be an integer, got \"4\"");
    cases.put(
        edited("z-fraction", r -> spec(r).put("z_size", 4.5)), "key 'spec.z_size' must be an");
    cases.put(edited("z-range", r -> spec(r).put("z_size", 0)), "key 'spec': z_size must be");
    cases.put(
        edited("units", r -> spec(r).put("hidden_units", 2)),
        "key 'spec': hidden_units must be 0 for a linear controller");
    cases.put(edited("spec-unknown", r -> spec(r).put("layers", 2)), "unknown key 'spec.layers'");
    cases.put(
        edited("action-type", r -> ((ObjectNode) spec(r).get("action")).put("type", "multi")),
        "key 'spec.action'");
    cases.put(
        edited("action-n", r -> ((ObjectNode) spec(r).get("action")).put("n", 0)),
        "key 'spec.action': discrete action: 'n' must be >= 1");
    cases.put(
        text(
            "action-infinite",
            good.replace(
                "{\n      \"type\" : \"discrete\",\n      \"n\" : 2\n    }",
                "{\"type\": \"box\", \"low\": [-Infinity, 0], \"high\": [1, 1]}")),
        "key 'spec': action: box bounds must be finite");
    cases.put(edited("no-model", r -> r.remove("model")), "missing key 'model'");
    cases.put(
        edited("model-step", r -> ((ObjectNode) r.get("model")).put("step", -1)),
        "key 'model': model.step must be in");
    cases.put(
        edited("model-path", r -> ((ObjectNode) r.get("model")).putNull("path")),
        "key 'model.path' must be a string");
    cases.put(
        edited("model-unknown", r -> ((ObjectNode) r.get("model")).put("seed", 1)),
        "unknown key 'model.seed'");
    cases.put(edited("no-parameters", r -> r.remove("parameters")), "missing key 'parameters'");
    cases.put(
        edited("parameters-type", r -> r.put("parameters", "0.1 0.2")),
        "key 'parameters' must be an array of numbers");
    cases.put(
        edited("count", r -> ((ArrayNode) r.get("parameters")).remove(0)),
        "key 'parameters' has 15 values; a linear controller with Z+H = 7 and 2 outputs has 16");
    cases.put(
        edited("string-value", r -> ((ArrayNode) r.get("parameters")).set(3, "NaN")),
        "key 'parameters' value at index 3 must be a number, got \"NaN\"");
    cases.put(
        text("nan", good.replaceFirst("\"parameters\" : \\[ [^,]+,", "\"parameters\" : [ NaN,")),
        "key 'parameters' holds NaN at index 0; expected finite numbers");
    cases.put(
        text(
            "infinity",
            good.replaceFirst("\"parameters\" : \\[ [^,]+,", "\"parameters\" : [ 1e999,")),
        "key 'parameters' holds Infinity at index 0");
    for (var c : cases.entrySet()) {
      Path file = c.getKey();
      assertThatThrownBy(() -> ControllerFile.read(file))
          .as(file.getFileName().toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": ")
          .hasMessageContaining(c.getValue())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
