package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.pipeline.SmallRecipes;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.util.Json;

/**
 * {@code run} with two rounds of World Models' iterative training on small settings, run twice at
 * one seed: round 1 adds the episodes that {@code collect --policy} records with round 0's
 * controller, both rounds train when the target is not reached, and the same recipe and seed give
 * the same summary and files.
 */
class RunRoundsTest {
  static final int ROUND0 = 20;
  static final int ROUND1 = 4;

  @TempDir static Path tmp;
  static Path a;
  static Path b;

  @BeforeAll
  static void runTwice() throws IOException {
    Path env =
        SmallRecipes.cartpole(
            tmp.resolve("env"),
            """
            {"max": 2, "episodes": 4, "target": 1e9, "exploration": 0.3, "warm_start": true}""");
    a = tmp.resolve("a");
    b = tmp.resolve("b");
    for (Path out : List.of(a, b)) {
      CliRun r =
          CliRun.of("run", env.toString(), "--out", out.toString(), "--seed", "3", "--quiet");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
  }

  @Test
  void aTargetNotReachedRunsEveryRoundAndRoundOneAddsItsEpisodes() throws IOException {
    JsonNode rounds = Json.readTree(a.resolve("summary.json")).get("rounds");
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0).get("episodes").asInt()).isEqualTo(ROUND0);
    assertThat(rounds.get(1).get("round").asInt()).isEqualTo(1);
    assertThat(rounds.get(1).get("episodes").asInt()).isEqualTo(ROUND1);
    List<String> episodes = SmallRecipes.fileNames(a.resolve("episodes"));
    assertThat(episodes).hasSize(ROUND0 + ROUND1 + 1).contains("episode_000023.npz", "spec.json");
    // Both rounds trained a controller; the latest is the final one, beside round 0's model.
    assertThat(a.resolve("rounds/round-1/controller.json"))
        .hasSameBinaryContentAs(a.resolve("controller.json"));
    assertThat(a.resolve("rounds/round-0/controller.json")).exists();
    assertThat(Checkpoints.exists(a.resolve("rounds/round-0/model"))).isTrue();
    assertThat(a.resolve("plots/rounds.png")).exists();
    assertThat(Files.readString(a.resolve("report.md"))).contains("plots/rounds.png");
  }

  @Test
  void roundOneHoldsWhatCollectRecordsWithRoundZerosController() throws IOException {
    Path byHand = tmp.resolve("by-hand");
    CliRun r =
        CliRun.of(
            "collect",
            "--env",
            "cartpole",
            "--episodes",
            Integer.toString(ROUND1),
            "--policy",
            a.resolve("rounds/round-0/controller.json").toString(),
            "--model",
            a.resolve("rounds/round-0/model").toString(),
            "--round",
            "1",
            "--exploration",
            "0.3",
            "--seed",
            "3",
            "--out",
            byHand.toString(),
            "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(byHand.resolve("spec.json")).hasSameBinaryContentAs(a.resolve("episodes/spec.json"));
    for (int i = 0; i < ROUND1; i++) {
      assertThat(byHand.resolve(String.format("episode_%06d.npz", i)))
          .as("episode %d of round 1", i)
          .hasSameBinaryContentAs(
              a.resolve(String.format("episodes/episode_%06d.npz", ROUND0 + i)));
    }
  }

  @Test
  void theSameRecipeAndSeedGiveTheSameSummaryAndFiles() throws IOException {
    assertThat(SmallRecipes.summaryWithoutTimings(b))
        .isEqualTo(SmallRecipes.summaryWithoutTimings(a));
    for (String name : SmallRecipes.fileNames(a.resolve("episodes"))) {
      assertThat(b.resolve("episodes").resolve(name))
          .as(name)
          .hasSameBinaryContentAs(a.resolve("episodes").resolve(name));
    }
    for (String c : List.of("controller.json", "rounds/round-0/controller.json")) {
      // The files name their model by path, which differs between the two runs.
      assertThat(ControllerFile.read(b.resolve(c)).parameters())
          .as(c)
          .isEqualTo(ControllerFile.read(a.resolve(c)).parameters());
    }
    assertThat(Checkpoints.latestDir(b.resolve("model")).resolve(Checkpoints.WEIGHTS))
        .hasSameBinaryContentAs(
            Checkpoints.latestDir(a.resolve("model")).resolve(Checkpoints.WEIGHTS));
  }
}
