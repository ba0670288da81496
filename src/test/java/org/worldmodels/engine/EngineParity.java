package org.worldmodels.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.ModelReference;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.NoLatentEncoder;
import org.worldmodels.pipeline.Pipeline;
import org.worldmodels.pipeline.Recipe;
import org.worldmodels.pipeline.Summary;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.ExplorationPolicy;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RandomPolicy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * Checks that an engine gives the bits of the one-JVM code paths the commands run without one (the
 * oracle: {@code Collect.write}, {@code ControllerCollect.append}, {@code RealEvaluation.play},
 * {@code DreamControlTraining.run}, {@code Pipeline.run}). The local engine's test and the Spark
 * engine's tests (local[2], a loopback cluster) call these with their engine.
 */
public final class EngineParity {
  private static final int HIDDEN = 5;

  private final Path tmp;

  /** Fixtures go under {@code tmp}. */
  public EngineParity(Path tmp) {
    this.tmp = tmp;
  }

  /** Random and controller collection: every file, byte for byte, and the counts. */
  public void collect(Engine engine) throws IOException {
    Path expected = tmp.resolve("collect-expected");
    long steps;
    try (RealWorld world =
        RealWorld.open(() -> Envs.make("cartpole"), 1, IdentityEncoder.INSTANCE)) {
      Policy p =
          ExplorationPolicy.around(new RandomPolicy(world.actionSpace()), world.actionSpace(), 0.1);
      steps = Collect.write(world, p, expected, 23, 5, 2, Progress.NONE).steps();
    }
    Path actual = tmp.resolve("collect-actual");
    Collected c = engine.collect(CollectJob.random("cartpole", 23, 2, 0.1, 5, actual));
    assertThat(c.episodes()).isEqualTo(23);
    assertThat(c.steps()).isEqualTo(steps);
    assertSameFiles(actual, expected);

    // A pixel environment: frames and state, no z, at the asked frame size.
    Path expectedPx = tmp.resolve("collect-px-expected");
    long stepsPx;
    try (RealWorld world =
        RealWorld.open(() -> Envs.make("cartpole-pixels", 0, 16), 1, NoLatentEncoder.INSTANCE)) {
      Policy p =
          ExplorationPolicy.around(new RandomPolicy(world.actionSpace()), world.actionSpace(), 0);
      stepsPx = Collect.write(world, p, expectedPx, 5, 6, 0, Progress.NONE).steps();
    }
    Path actualPx = tmp.resolve("collect-px-actual");
    Collected px = engine.collect(CollectJob.random("cartpole-pixels", 5, 0, 0, 6, actualPx, 16));
    assertThat(px.steps()).isEqualTo(stepsPx);
    assertSameFiles(actualPx, expectedPx);

    Path model = model();
    ControllerCollect.Request r =
        new ControllerCollect.Request(model, controller(model), "cartpole", 9, 3, 1, 0.2);
    Path expected2 = tmp.resolve("collect-ctl-expected");
    long steps2 = ControllerCollect.append(r, expected2, 0, Progress.NONE).steps();
    Path actual2 = tmp.resolve("collect-ctl-actual");
    Collected c2 = engine.collect(CollectJob.of(r, actual2));
    assertThat(c2.steps()).isEqualTo(steps2);
    assertSameFiles(actual2, expected2);
  }

  /** Play: every episode's return, exactly. */
  public void play(Engine engine) throws IOException {
    Path model = model();
    PlayRequest r = new PlayRequest(model, controller(model), "cartpole", 13, 8);
    assertThat(engine.play(r)).isEqualTo(RealEvaluation.play(r, Progress.NONE));
  }

  /**
   * A small CMA-ES run (population 10: a block of 8 candidates dreamed on TensorFlow and one of 2
   * on the Java cell): the same history, dream return and controller file.
   */
  public void control(Engine engine) throws IOException {
    control(engine, 10, 3, 20);
  }

  /** As {@link #control(Engine)} with the given population, rollouts and dream time limit. */
  public void control(Engine engine, int population, int rollouts, int maxSteps)
      throws IOException {
    Path model = model();
    Path initial = tmp.resolve("data");
    ControlRequest.Builder b =
        ControlRequest.builder(model, initial, tmp.resolve("ctl-expected.json"))
            .population(population)
            .generations(2)
            .rollouts(rollouts)
            .maxSteps(maxSteps)
            .seed(4);
    CmaesSearch.Result expected = DreamControlTraining.run(b.build(), Progress.NONE);
    Path out = tmp.resolve("ctl-actual.json");
    ControlRequest onEngine =
        ControlRequest.builder(model, initial, out)
            .population(population)
            .generations(2)
            .rollouts(rollouts)
            .maxSteps(maxSteps)
            .seed(4)
            .build();
    CmaesSearch.Result actual = engine.control(onEngine, Progress.NONE);
    assertThat(actual.history()).isEqualTo(expected.history());
    assertThat(actual.dreamMeanReturn()).isEqualTo(expected.dreamMeanReturn());
    assertThat(actual.controller().parameters()).isEqualTo(expected.controller().parameters());
    assertThat(Files.readString(out).replace("ctl-actual", "ctl-expected"))
        .isEqualTo(Files.readString(tmp.resolve("ctl-expected.json")));
  }

  /**
   * A two-seed sweep: the sweep file's figures against each run's {@code summary.json}; with {@code
   * againstDirect}, also each seed's run against {@code Pipeline.run} in this JVM (controller
   * parameters, real return, episode files).
   */
  public void sweep(Engine engine, boolean againstDirect) throws IOException {
    Path recipe = recipe();
    Path parent = tmp.resolve("sweep");
    SweepResult r = engine.sweep(recipe, parent, List.of(0L, 1L));
    double sum = 0;
    for (long seed : List.of(0L, 1L)) {
      Path run = parent.resolve("cartpole-" + seed);
      double real = Json.readTree(run.resolve("summary.json")).get("real_mean_return").asDouble();
      assertThat(r.realMeanReturn().get((int) seed)).isEqualTo(real);
      sum += real;
      if (againstDirect) {
        Path direct = tmp.resolve("direct-" + seed);
        Summary s = Pipeline.run(Recipe.read(recipe), direct, seed, Progress.NONE);
        assertThat(real).isEqualTo(s.realMeanReturn());
        assertThat(parameters(run.resolve("controller.json")))
            .isEqualTo(parameters(direct.resolve("controller.json")));
        assertSameFiles(run.resolve("episodes"), direct.resolve("episodes"));
      }
    }
    JsonNode file = Json.readTree(parent.resolve("cartpole-sweep.json"));
    assertThat(file.get("env").asText()).isEqualTo("cartpole");
    assertThat(file.get("seeds").toString()).isEqualTo("[0,1]");
    assertThat(file.get("mean").asDouble()).isEqualTo(sum / 2);
    assertThat(file.get("min").asDouble())
        .isEqualTo(Math.min(r.realMeanReturn().get(0), r.realMeanReturn().get(1)));
    assertThat(file.get("real_mean_return")).hasSize(2);
  }

  /**
   * A two-seed sweep stopped in seed 1's search (seed 0 not started) and continued with {@code
   * resume}: the same figures and controllers as a sweep never stopped; continuing a finished sweep
   * changes nothing; what resume refuses.
   */
  public void sweepResumed(Engine engine) throws IOException {
    Path recipe = recipe();
    List<Long> seeds = List.of(0L, 1L);
    Path wholeParent = tmp.resolve("sweep-whole");
    SweepResult whole = engine.sweep(recipe, wholeParent, seeds);
    Path parent = tmp.resolve("sweep-resumed");
    Path stopped = parent.resolve("cartpole-1");
    Progress stopAtSearch =
        new Progress() {
          @Override
          public void start(String task, long total) {
            if (task.equals("control")) {
              throw new IllegalStateException("stopped before the search");
            }
          }
        };
    assertThatThrownBy(() -> Pipeline.run(Recipe.read(recipe), stopped, 1, stopAtSearch))
        .hasMessageContaining("stopped before the search");
    assertThatThrownBy(() -> engine.sweep(recipe, parent, seeds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartpole-1");
    Path collected = stopped.resolve("episodes").resolve("episode_000000.npz");
    FileTime collectedAt = Files.getLastModifiedTime(collected);

    for (int pass = 0; pass < 2; pass++) { // the second continues a finished sweep
      SweepResult resumed = engine.sweep(recipe, parent, seeds, true);
      assertThat(resumed.realMeanReturn()).isEqualTo(whole.realMeanReturn());
      assertThat(resumed.mean()).isEqualTo(whole.mean());
      for (long seed : seeds) {
        String run = "cartpole-" + seed;
        assertThat(parameters(parent.resolve(run).resolve("controller.json")))
            .isEqualTo(parameters(wholeParent.resolve(run).resolve("controller.json")));
      }
    }

    // Continued, not started again: the stopped run's collection was kept.
    assertThat(Files.getLastModifiedTime(collected)).isEqualTo(collectedAt);

    assertThatThrownBy(() -> engine.run(recipe, stopped, 2, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--seed 1");
    assertThatThrownBy(() -> engine.run(recipe, tmp.resolve("no-run"), 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no run there");
    Path other = Files.createDirectories(parent.resolve("cartpole-2"));
    Files.writeString(other.resolve("notes.txt"), "not a run");
    assertThatThrownBy(() -> engine.sweep(recipe, parent, List.of(2L), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-state.json");
    assertThat(other.resolve("notes.txt")).hasContent("not a run");
  }

  private static String parameters(Path controllerFile) {
    return Json.readTree(controllerFile).get("parameters").toString();
  }

  /** A recipe of seconds: 16 random episodes, 10 training steps, one CMA-ES generation. */
  private Path recipe() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("recipe"));
    Files.writeString(
        dir.resolve("config.json"),
        """
        {"env": "cartpole", "collect": {"episodes": 16, "repeat_probability": 0.5},
         "train": {"hidden": 8, "mixtures": 2, "seq_len": 16, "batch": 8, "steps": 10, "lr": 0.003},
         "control": {"controller": "linear", "hidden_units": 0, "population": 4, "generations": 1,
                     "rollouts": 2, "temperature": 1.0, "done_threshold": null, "halt_margin": 0.1,
                     "initial_sigma": 0.5},
         "play": {"episodes": 2}}
        """);
    return dir;
  }

  /** A tiny untrained CartPole model (with 6 collected episodes beside it in tmp/data), once. */
  private Path model() throws IOException {
    Path dir = tmp.resolve("model");
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path data = tmp.resolve("data");
    try (RealWorld world =
        RealWorld.open(() -> Envs.make("cartpole"), 1, IdentityEncoder.INSTANCE)) {
      Collect.write(world, new RandomPolicy(world.actionSpace()), data, 6, 1, 0, Progress.NONE);
    }
    DataSpec spec = EpisodeStore.readSpec(data).orElseThrow();
    return TinyModel.write(dir, spec, HIDDEN, 3);
  }

  private Path controller(Path model) throws IOException {
    Path file = tmp.resolve("ctl.json");
    if (!Files.exists(file)) {
      DataSpec data = EpisodeStore.readSpec(tmp.resolve("data")).orElseThrow();
      ControllerSpec cs = ControllerSpec.linear(data.zSize(), HIDDEN, data.action());
      double[] p = new SplittableRandom(9).doubles(cs.parameterCount(), -1, 1).toArray();
      ControllerFile.of(cs.create(p), ModelReference.of(model)).write(file);
    }
    return file;
  }

  /** The same file names in both directories, each with the same bytes. */
  public static void assertSameFiles(Path actual, Path expected) throws IOException {
    List<Path> names;
    try (Stream<Path> s = Files.list(expected)) {
      names = s.map(Path::getFileName).sorted().toList();
    }
    try (Stream<Path> s = Files.list(actual)) {
      assertThat(s.map(Path::getFileName).sorted().toList()).isEqualTo(names);
    }
    assertThat(names).isNotEmpty();
    for (Path n : names) {
      assertThat(Files.readAllBytes(actual.resolve(n)))
          .as(n.toString())
          .isEqualTo(Files.readAllBytes(expected.resolve(n)));
    }
  }
}
