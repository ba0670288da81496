package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Json;

/** {@code collect}: its JSON line, its files, and refusals that leave nothing behind. */
class CollectCommandTest {
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private CliRun collect(String env, int episodes, long seed, Path out) {
    return CliRun.of(
        "collect",
        "--env",
        env,
        "--episodes",
        Integer.toString(episodes),
        "--policy",
        "random",
        "--seed",
        Long.toString(seed),
        "--out",
        out.toString(),
        "--quiet");
  }

  @Test
  void collectPrintsEpisodesAndStepsAndWritesReproducibleFiles() throws IOException {
    Path a = tmp.resolve("a");
    CliRun r = collect("cartpole", 3, 5, a);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    JsonNode j = Json.parseTree(r.out());
    assertEquals(List.of("episodes", "steps"), List.copyOf(iterable(j)));
    assertEquals(3, j.get("episodes").asInt());
    Dataset data = EpisodeStore.load(a);
    long steps = 0;
    for (int i = 0; i < data.size(); i++) {
      steps += data.episode(i).length();
    }
    assertEquals(steps, j.get("steps").asLong());
    assertEquals(
        List.of("episode_000000.npz", "episode_000001.npz", "episode_000002.npz", "spec.json"),
        names(a));

    Path b = tmp.resolve("b");
    CliRun again = collect("cartpole", 3, 5, b);
    assertEquals(r.out(), again.out());
    for (String name : names(a)) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
    // Only the committed directories remain; no staging directory is left beside them.
    assertEquals(List.of("a", "b"), names(tmp));
  }

  @Test
  void pendulumEpisodesRunToTheTimeLimit() throws IOException {
    Path out = tmp.resolve("p");
    CliRun r = collect("pendulum", 2, 0, out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertEquals("{\"episodes\":2,\"steps\":400}", r.out().strip());
    assertEquals("box", Json.readTree(out.resolve("spec.json")).get("action").get("type").asText());
  }

  @Test
  void anEmptyOutDirectoryIsAccepted() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("empty"));
    CliRun r = collect("pendulum", 1, 0, out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(names(out)).contains("episode_000000.npz", "spec.json");
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
    Path full = Files.createDirectory(tmp.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "x");
    Path file = Files.writeString(tmp.resolve("file"), "x");
    String out = tmp.resolve("o").toString();
    String[][] cases = {
      {"collect", "--env", "mountaincar", "--episodes", "2", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "0", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "-3", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "1000001", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "two", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "2", "--policy", "greedy", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "2", "--out", full.toString()},
      {"collect", "--env", "cartpole", "--episodes", "2", "--out", file.toString()},
      {"collect", "--env", "cartpole", "--episodes", "2"},
      {"collect", "--episodes", "2", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "2", "--out", out, "--frobnicate"},
      {"collect", "--env", "cartpole", "--episodes", "2", "--model", out, "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "2", "--policy", "c.json", "--out", out},
      {
        "collect",
        "--env",
        "cartpole",
        "--episodes",
        "2",
        "--policy",
        "c.json",
        "--model",
        out,
        "--out",
        out
      },
      {"collect", "--env", "cartpole", "--episodes", "2", "--exploration", "1.5", "--out", out},
      {"collect", "--env", "cartpole", "--episodes", "2", "--round", "-1", "--out", out},
    };
    String[] expected = {
      "--env must be one of cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels, got 'mountaincar'",
      "--episodes must be in [1, 1000000], got 0",
      "--episodes must be in [1, 1000000], got -3",
      "--episodes must be in [1, 1000000], got 1000001",
      "--episodes",
      "--policy must be random or a controller JSON file, got 'greedy'",
      "directory exists and is not empty",
      "exists and is not a directory",
      "--out",
      "--env",
      "--frobnicate",
      "--model " + out + ": only a controller file as --policy uses a model, got random",
      "--model is required with a controller file as --policy (c.json)",
      "c.json",
      "--exploration must be in [0.0, 1.0], got 1.5",
      "--round must be in [0, 2147483647], got -1",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun r = CliRun.of(cases[i]);
      String what = String.join(" ", cases[i]);
      assertThat(r.exitCode()).as(what + "\n" + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(what).hasSize(1);
      assertThat(r.errLines()[0]).as(what).startsWith("error: ").contains(expected[i]);
      assertThat(r.out()).as(what).isEmpty();
    }
    assertEquals(List.of("file", "full"), names(tmp));
    assertEquals(List.of("keep.txt"), names(full));
  }

  private static List<String> iterable(JsonNode j) {
    List<String> keys = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void pixelEnvironmentsWriteFramesOfTheChosenSizeReproducibly() throws IOException {
    Path a = tmp.resolve("pixels-a");
    Path b = tmp.resolve("pixels-b");
    for (Path out : new Path[] {a, b}) {
      CliRun r =
          CliRun.of(
              "collect",
              "--env",
              "pendulum-pixels",
              "--episodes",
              "2",
              "--frame-size",
              "16",
              "--seed",
              "3",
              "--out",
              out.toString(),
              "--quiet");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertEquals(2, Json.parseTree(r.out()).get("episodes").asInt());
      assertEquals(400, Json.parseTree(r.out()).get("steps").asInt());
    }
    for (String name : names(a)) {
      assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)));
    }
    Episode e = EpisodeStore.read(a.resolve(EpisodeStore.fileName(1)));
    assertThat(e.hasZ()).isFalse();
    assertThat(e.frames().shape()).containsExactly(201, 16, 16, 3);
    assertThat(e.state()[0]).hasSize(3);
    JsonNode spec = Json.readTree(a.resolve("spec.json"));
    assertEquals("[16,16,3]", spec.get("observation").get("shape").toString());
    // The default frame size is 64, and help lists the pixel environments.
    Path c = tmp.resolve("pixels-c");
    assertThat(collect("cartpole-pixels", 1, 0, c).exitCode()).isZero();
    assertEquals(
        "[64,64,3]",
        Json.readTree(c.resolve("spec.json")).get("observation").get("shape").toString());
    CliRun help = CliRun.of("collect", "--help");
    assertThat(help.out()).contains("cartpole-pixels").contains("pendulum-pixels");
    assertThat(help.out()).contains("--frame-size");
  }
}
