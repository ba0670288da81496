package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.CmaesCheckpoint;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * World Models' iterative training in the pipeline, on small settings: the stop rule, the recipe
 * key, and control that still never reaches a real environment. Runs that train every round, and
 * their reproducibility, are in {@code cli.RunRoundsTest}.
 */
class PipelineRoundsTest {
  @TempDir Path tmp;

  private Recipe write(String name, String rounds) throws Exception {
    return Recipe.read(SmallRecipes.cartpole(tmp.resolve(name), rounds));
  }

  @Test
  void aTargetRound1sCollectionReachesStopsThereWithTheCollectingController() throws Exception {
    // CartPole earns 1 a step: every collection reaches a target of 0.
    Recipe r = write("reach", "{\"max\": 3, \"episodes\": 3, \"target\": 0, \"exploration\": 0.2}");
    Path out = tmp.resolve("run");
    Summary s = Pipeline.run(r, out, 2, Progress.NONE);

    assertThat(s.rounds()).hasSize(2);
    Summary.Round r0 = s.rounds().get(0);
    Summary.Round r1 = s.rounds().get(1);
    assertThat(r1.round()).isEqualTo(1);
    assertThat(r1.episodes()).isEqualTo(3);
    Dataset data = EpisodeStore.load(out.resolve("episodes"));
    assertThat(data.size()).isEqualTo(23);
    assertThat(r1.collectMeanReturn()).isEqualTo(Pipeline.meanReturn(data, 20)).isPositive();
    // No training after the collection: round 0's controller is the final one, and its scores.
    assertThat(r1.realMeanReturn()).isEqualTo(r0.realMeanReturn()).isEqualTo(s.realMeanReturn());
    assertThat(r1.dreamMeanReturn()).isEqualTo(r0.dreamMeanReturn()).isEqualTo(s.dreamMeanReturn());
    assertThat(out.resolve("controller.json"))
        .hasSameBinaryContentAs(out.resolve("rounds/round-0/controller.json"));
    assertThat(out.resolve("model/latest.json")).exists();
    assertThat(out.resolve("rounds/round-0/model")).doesNotExist();
    assertThat(out.resolve("rounds/round-1")).doesNotExist();
    assertThat(s.seconds()).containsOnlyKeys("collect", "train", "control", "play", "report");
    assertThat(out.resolve("plots/rounds.png")).exists();
    assertThat(Files.readString(out.resolve("report.md"))).contains("plots/rounds.png");
  }

  @Test
  void continueSearchStartsEachLaterRoundsCmaesFromThePreviousRoundsState() throws Exception {
    Recipe r =
        write(
            "continue",
            "{\"max\": 3, \"episodes\": 3, \"exploration\": 0.2, \"continue_search\": true}");
    assertThat(r.roundsOrOne().continueSearch()).isTrue();
    Path out = tmp.resolve("run");
    Summary s = Pipeline.run(r, out, 4, Progress.NONE);

    assertThat(s.rounds()).hasSize(3);
    CmaesCheckpoint[] states = new CmaesCheckpoint[3];
    for (int i = 0; i < 3; i++) {
      states[i] = CmaesCheckpoint.read(out.resolve("cmaes/round-" + i + ".json"));
      // One generation a round, each round's search going on from the last one's.
      assertThat(states[i].state().generation()).isEqualTo(i + 1);
      assertThat(states[i].history()).hasSize(i + 1);
    }
    assertThat(states[2].history().subList(0, 2)).isEqualTo(states[1].history());
    assertThat(states[1].history().subList(0, 1)).isEqualTo(states[0].history());
    // Restarting (the default) begins each round at generation 0.
    Recipe restart = write("restart", "{\"max\": 2, \"episodes\": 3, \"exploration\": 0.2}");
    Path out2 = tmp.resolve("run2");
    Pipeline.run(restart, out2, 4, Progress.NONE);
    assertThat(CmaesCheckpoint.read(out2.resolve("cmaes/round-1.json")).history()).hasSize(1);
  }

  @Test
  void eachLaterRoundKeepsThePreviousControllerUnlessItsMeanBeatsIt() throws Exception {
    for (boolean keep : new boolean[] {true, false}) {
      Recipe r =
          write(
              "keep-" + keep,
              "{\"max\": 3, \"episodes\": 3, \"exploration\": 0.2, \"continue_search\": true,"
                  + " \"keep_incumbent\": "
                  + keep
                  + "}");
      Path out = tmp.resolve("run-" + keep);
      Pipeline.run(r, out, 4, Progress.NONE);
      JsonNode saved = Json.read(out.resolve("run-state.json"), JsonNode.class).get("saved");
      java.util.Set<String> kinds = new java.util.HashSet<>();
      for (int round = 0; round < 3; round++) {
        String chosen = saved.get(round + "/control").get("chosen").asText();
        kinds.add(chosen);
        double[] kept =
            ControllerFile.read(out.resolve("rounds/round-" + round + "/controller.json"))
                .parameters();
        if (chosen.equals("incumbent")) {
          assertThat(keep && round > 0).as("round %d kept an incumbent", round).isTrue();
          assertThat(kept)
              .isEqualTo(
                  ControllerFile.read(
                          out.resolve("rounds/round-" + (round - 1) + "/controller.json"))
                      .parameters());
        } else {
          assertThat(chosen).isEqualTo("mean");
          assertThat(kept)
              .isEqualTo(
                  CmaesCheckpoint.read(out.resolve("cmaes/round-" + round + ".json"))
                      .state()
                      .mean());
        }
      }
      // At this seed both happen (round 2 keeps round 1's controller), so both branches are
      // checked.
      assertThat(kinds)
          .isEqualTo(keep ? java.util.Set.of("mean", "incumbent") : java.util.Set.of("mean"));
    }
  }

  @Test
  void controlStillReachesOnlyTheDream() throws Exception {
    // The phases that train in the dream name no environment, real world or real collection.
    for (Class<?> c : List.of(ControlPhase.class, TrainPhase.class, DreamControlTraining.class)) {
      try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
        String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(bytes)
            .as(c.getName())
            .doesNotContain("org/worldmodels/env/")
            .doesNotContain("RealWorld")
            .doesNotContain("RememberingWorld")
            .doesNotContain("RealEvaluation")
            .doesNotContain("ControllerCollect");
      }
    }
  }

  @Test
  void roundsKeysAreCheckedByName() throws Exception {
    String[][] cases = {
      {"{\"max\": 0, \"episodes\": 3}", "rounds.max"},
      {"{\"max\": 2, \"episodes\": 0}", "rounds.episodes"},
      {"{\"max\": 2, \"episodes\": 3, \"exploration\": 1.5}", "rounds.exploration"},
      {"{\"max\": 2, \"episodes\": 3, \"restart_search\": true}", "restart_search"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> write("bad" + c[1].hashCode(), c[0]))
          .as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1]);
    }
    Recipe absent = write("absent", "null");
    assertThat(absent.rounds()).isNull();
    assertThat(absent.roundsOrOne().max()).isEqualTo(1);
    Recipe one = write("one", "{\"max\": 1, \"episodes\": 5}");
    assertThat(one.roundsOrOne().exploration()).isZero();
    assertThat(one.roundsOrOne().warmStart()).isFalse();
  }
}
