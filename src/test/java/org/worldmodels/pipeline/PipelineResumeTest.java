package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.tf.TestThreads;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * {@code run --resume}: a three-round run killed four times (while collecting round 0, while
 * training round 1 after a checkpoint, in the middle of round 1's CMA-ES and while collecting round
 * 2 with round 1's controller) and resumed each time ends with the same summary (timings aside),
 * episodes, model and controller as the same run never stopped.
 */
class PipelineResumeTest {
  private static final long SEED = 5;

  @TempDir static Path tmp;
  static Recipe recipe;
  static Path whole;
  static Path killed;

  /** Thrown by {@link KillAt} where the test kills the run. */
  static final class Killed extends RuntimeException {
    Killed(String where) {
      super("killed in " + where);
    }
  }

  /**
   * Throws {@link Killed} once the {@code occurrence}-th task named {@code task} reaches {@code
   * done}.
   */
  record KillAt(String task, int occurrence, long done, Map<String, Integer> starts)
      implements Progress {
    KillAt(String task, int occurrence, long done) {
      this(task, occurrence, done, new HashMap<>());
    }

    private String current() {
      return starts.getOrDefault("current", 0) == 0 ? "" : task;
    }

    @Override
    public void start(String name, long total) {
      int n = starts.merge(name, 1, Integer::sum);
      starts.put("current", name.equals(task) && n == occurrence ? 1 : 0);
    }

    @Override
    public void update(long d, String extra) {
      if (!current().isEmpty() && d >= done) {
        throw new Killed(task + " #" + occurrence + " at " + d);
      }
    }
  }

  @BeforeAll
  static void runWholeAndKilled() throws IOException {
    Path env = tmp.resolve("env");
    Files.createDirectories(env);
    // 520 training steps: a checkpoint at 500 to resume from; 3 generations to stop between.
    Files.writeString(
        env.resolve("config.json"),
        """
        {"env": "cartpole", "collect": {"episodes": 12, "repeat_probability": 0.5},
         "train": {"hidden": 8, "mixtures": 2, "seq_len": 16, "batch": 8, "steps": 520, "lr": 0.003},
         "control": {"controller": "linear", "hidden_units": 0, "population": 4, "generations": 3,
                     "rollouts": 2, "temperature": 1.0, "done_threshold": null, "halt_margin": 0.1,
                     "initial_sigma": 0.5},
         "play": {"episodes": 2},
         "rounds": {"max": 3, "episodes": 4, "target": 1e9, "exploration": 0.3, "warm_start": true}}
        """);
    recipe = Recipe.read(env);
    whole = tmp.resolve("whole");
    Pipeline.run(recipe, whole, SEED, Progress.NONE);

    killed = tmp.resolve("killed");
    assertThatThrownBy(() -> Pipeline.run(recipe, killed, SEED, new KillAt("collect", 1, 7)))
        .isInstanceOf(Killed.class);
    assertThatThrownBy(() -> Pipeline.resume(recipe, killed, SEED, new KillAt("train", 2, 510)))
        .isInstanceOf(Killed.class);
    assertThat(Checkpoints.exists(killed.resolve("model"))).isTrue();
    // Round 0 is restored, not rerun: round 1's search is the first this process starts.
    assertThatThrownBy(() -> Pipeline.resume(recipe, killed, SEED, new KillAt("control", 1, 2)))
        .isInstanceOf(Killed.class);
    // Rounds 0 and 1 restored: round 2's collection is the first this process starts.
    assertThatThrownBy(() -> Pipeline.resume(recipe, killed, SEED, new KillAt("collect", 1, 2)))
        .isInstanceOf(Killed.class);
    Pipeline.resume(recipe, killed, SEED, Progress.NONE);
  }

  @Test
  void aResumedRunEndsAsIfNeverStopped() throws IOException {
    assertThat(SmallRecipes.summaryWithoutTimings(killed).toString())
        .isEqualTo(SmallRecipes.summaryWithoutTimings(whole).toString());
    assertThat(SmallRecipes.fileNames(killed.resolve("episodes")))
        .isEqualTo(SmallRecipes.fileNames(whole.resolve("episodes")));
    for (String name : SmallRecipes.fileNames(whole.resolve("episodes"))) {
      assertThat(killed.resolve("episodes").resolve(name))
          .as(name)
          .hasSameBinaryContentAs(whole.resolve("episodes").resolve(name));
    }
    SmallRecipes.assertSameControllers(
        killed,
        whole,
        List.of(
            "controller.json", "rounds/round-0/controller.json", "rounds/round-1/controller.json"));
    for (String m : List.of("model", "rounds/round-0/model", "rounds/round-1/model")) {
      assertThat(Checkpoints.latestDir(killed.resolve(m)).resolve(Checkpoints.WEIGHTS))
          .as(m)
          .hasSameBinaryContentAs(
              Checkpoints.latestDir(whole.resolve(m)).resolve(Checkpoints.WEIGHTS));
    }
    JsonNode seconds = Json.readTree(killed.resolve("summary.json")).get("seconds");
    assertThat(seconds.fieldNames())
        .toIterable()
        .containsExactly("collect", "train", "control", "play", "report");
  }

  @Test
  void resumeRefusesAnotherSeedOrNoRun() {
    assertThatThrownBy(() -> Pipeline.resume(recipe, killed, SEED + 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--seed " + SEED);
    assertThatThrownBy(() -> Pipeline.resume(recipe, tmp.resolve("none"), SEED, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-state.json");
  }

  @Test
  void resumeRefusesAnotherThreadCount() throws Exception {
    int started = TfRuntime.threads();
    TestThreads.with(
        started + 1,
        () -> {
          assertThatThrownBy(() -> Pipeline.resume(recipe, killed, SEED, Progress.NONE))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("WORLDMODELS_THREADS=" + started + ", now " + (started + 1));
          // A journal from before the settings were recorded resumes unchecked.
          Path old = tmp.resolve("journal-without-threads");
          Files.createDirectories(old);
          ObjectNode journal = (ObjectNode) Json.readTree(killed.resolve(RunJournal.FILE));
          assertThat(journal.remove("threads")).isNotNull();
          Json.write(old.resolve(RunJournal.FILE), journal);
          assertThat(RunJournal.resume(old, recipe, SEED).threads()).isNull();
        });
  }
}
