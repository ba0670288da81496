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
import org.worldmodels.WorldModel;
import org.worldmodels.control.CmaesCheckpoint;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rollout.EpisodePlan;
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
  void aRealContestKeepsARoundsAgentOnlyIfItBeatsThePreviousOneInReality() throws Exception {
    Recipe r =
        write(
            "contest",
            "{\"max\": 3, \"episodes\": 3, \"exploration\": 0.2, \"continue_search\": true,"
                + " \"real_contest\": 4}");
    assertThat(r.roundsOrOne().realContestEpisodes()).isEqualTo(4);
    java.util.Set<String> outcomes = new java.util.HashSet<>();
    for (long seed : CONTEST_SEEDS) {
      outcomes.addAll(contestOutcomes(r, seed));
    }
    assertThat(outcomes).containsExactlyInAnyOrder("new", "previous");
  }

  /** Seeds at which the small recipe's contests go both ways. */
  private static final long[] CONTEST_SEEDS = {0, 4};

  /** Runs {@code r} at {@code seed}, checks every later round's contest and says who won. */
  private java.util.Set<String> contestOutcomes(Recipe r, long seed) throws Exception {
    Path out = tmp.resolve("run-" + seed);
    Summary s = Pipeline.run(r, out, seed, Progress.NONE);

    JsonNode saved = Json.read(out.resolve("run-state.json"), JsonNode.class).get("saved");
    assertThat(saved.has("0/contest")).as("round 0 has no contest").isFalse();
    java.util.Set<String> outcomes = new java.util.HashSet<>();
    for (int round = 1; round < 3; round++) {
      JsonNode contest = saved.get(round + "/contest");
      Path previous = out.resolve("rounds/round-" + (round - 1));
      Path fresh = out.resolve("rounds/round-" + round + "/new");
      // The round's agent, set aside, is what its search and training wrote.
      assertThat(ControllerFile.read(fresh.resolve("controller.json")).parameters())
          .isIn(
              List.of(
                  CmaesCheckpoint.read(out.resolve("cmaes/round-" + round + ".json"))
                      .state()
                      .mean(),
                  ControllerFile.read(previous.resolve("controller.json")).parameters()));
      double newReal = contestReturn(fresh, seed, round);
      double previousReal = contestReturn(previous, seed, round);
      assertThat(contest.get("new_real_return").asDouble()).isEqualTo(newReal);
      assertThat(contest.get("previous_real_return").asDouble()).isEqualTo(previousReal);
      String kept = newReal > previousReal ? "new" : "previous";
      assertThat(contest.get("kept").asText()).isEqualTo(kept);
      // The agent in force after the round: the winner's model and controller.
      Path winner = kept.equals("new") ? fresh : previous;
      Path model =
          round == 2 ? out.resolve("model") : out.resolve("rounds/round-" + round + "/model");
      assertThat(Checkpoints.latestDir(model).resolve(Checkpoints.WEIGHTS))
          .hasSameBinaryContentAs(
              Checkpoints.latestDir(winner.resolve("model")).resolve(Checkpoints.WEIGHTS));
      assertThat(
              ControllerFile.read(out.resolve("rounds/round-" + round + "/controller.json"))
                  .parameters())
          .isEqualTo(ControllerFile.read(winner.resolve("controller.json")).parameters());
      if (kept.equals("previous")) {
        assertThat(s.rounds().get(round).dreamMeanReturn())
            .isEqualTo(s.rounds().get(round - 1).dreamMeanReturn());
      }
      outcomes.add(kept);
    }
    assertThat(s.seconds()).containsKey("contest");
    assertThat(Files.readString(out.resolve("report.md"))).contains("Real contest");
    return outcomes;
  }

  @Test
  void aRunKilledInItsContestResumesToTheSameChoice() throws Exception {
    Recipe r =
        write(
            "contest-resume",
            "{\"max\": 3, \"episodes\": 3, \"exploration\": 0.2, \"continue_search\": true,"
                + " \"real_contest\": 4}");
    Path whole = tmp.resolve("whole");
    Pipeline.run(r, whole, 0, Progress.NONE);
    Path killed = tmp.resolve("killed");
    // The second contest task is the previous agent's: this round's is already set aside.
    assertThatThrownBy(
            () -> Pipeline.run(r, killed, 0, new PipelineResumeTest.KillAt("contest", 2, 1)))
        .isInstanceOf(PipelineResumeTest.Killed.class);
    assertThat(killed.resolve("rounds/round-1/new/controller.json")).exists();
    Pipeline.resume(r, killed, 0, Progress.NONE);

    assertThat(SmallRecipes.summaryWithoutTimings(killed).toString())
        .isEqualTo(SmallRecipes.summaryWithoutTimings(whole).toString());
    SmallRecipes.assertSameControllers(
        killed,
        whole,
        List.of(
            "controller.json", "rounds/round-1/controller.json", "rounds/round-2/controller.json"));
    JsonNode a = Json.read(whole.resolve("run-state.json"), JsonNode.class).get("saved");
    JsonNode b = Json.read(killed.resolve("run-state.json"), JsonNode.class).get("saved");
    for (String key : List.of("1/contest", "2/contest")) {
      assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
    }
  }

  /** Mean return of the agent in {@code dir} on round {@code round}'s contest episodes. */
  private static double contestReturn(Path dir, long seed, int round) throws Exception {
    Path model = dir.resolve("model");
    try (WorldModel m = WorldModel.load(model);
        Encoder encoder = Encoders.open(m.spec(), model);
        Env env = Envs.make("cartpole", encoder)) {
      double[] returns =
          RealEvaluation.returns(
              env,
              encoder,
              m.cell(),
              ControllerFile.read(dir.resolve("controller.json")).controller(),
              EpisodePlan.contest(seed, round, 4, env.maxEpisodeSteps()),
              Progress.NONE);
      return ReturnStatistics.of(returns).mean();
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
      {"{\"max\": 2, \"episodes\": 3, \"real_contest\": -1}", "rounds.real_contest"},
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
