package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.worldmodels.util.Json;

/** Recipes small enough for the default test suite: seconds per round, not minutes. */
public final class SmallRecipes {
  private SmallRecipes() {}

  /**
   * A CartPole recipe of 20 random episodes, 10 training steps and one CMA-ES generation, with the
   * key {@code rounds} as given (a JSON object), written to {@code dir/config.json}.
   *
   * @return {@code dir}, a recipe directory for {@code run}
   */
  public static Path cartpole(Path dir, String rounds) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("config.json"),
        """
        {"env": "cartpole", "collect": {"episodes": 20, "repeat_probability": 0.5},
         "train": {"hidden": 8, "mixtures": 2, "seq_len": 16, "batch": 8, "steps": 10, "lr": 0.003},
         "control": {"controller": "linear", "hidden_units": 0, "population": 4, "generations": 1,
                     "rollouts": 2, "temperature": 1.0, "done_threshold": null, "halt_margin": 0.1,
                     "initial_sigma": 0.5},
         "play": {"episodes": 2},
         "rounds": %s}
        """
            .formatted(rounds));
    return dir;
  }

  /**
   * {@link #cartpole} from pixels ({@code cartpole-pixels}): V a ConvVAE of latent size 4 trained
   * one epoch on round 0's frames, the rest as small.
   */
  public static Path cartpolePixels(Path dir, String rounds) throws IOException {
    cartpole(dir, rounds);
    Path file = dir.resolve("config.json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"env\": \"cartpole\"", "\"env\": \"cartpole-pixels\"")
            .replace(
                "\"rounds\": " + rounds,
                "\"rounds\": "
                    + rounds
                    + ", \"vae\": {\"z_size\": 4, \"epochs\": 1, \"batch\": 16}"));
    return dir;
  }

  /** A run's {@code summary.json} without its timings, for comparing two runs. */
  public static JsonNode summaryWithoutTimings(Path run) {
    ObjectNode s = (ObjectNode) Json.readTree(run.resolve("summary.json"));
    s.remove("seconds");
    s.remove("total_seconds");
    s.get("rounds").forEach(r -> ((ObjectNode) r).remove("seconds"));
    return s;
  }

  /**
   * Checks that each controller file named (relative to the runs) holds the same parameters in
   * {@code actual} as in {@code expected}; the files themselves name their model by path, which
   * differs between two runs.
   */
  public static void assertSameControllers(Path actual, Path expected, List<String> files) {
    for (String c : files) {
      org.assertj.core.api.Assertions.assertThat(
              org.worldmodels.control.ControllerFile.read(actual.resolve(c)).parameters())
          .as(c)
          .isEqualTo(org.worldmodels.control.ControllerFile.read(expected.resolve(c)).parameters());
    }
  }

  /** The names of the files in {@code dir}, sorted. */
  public static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
