package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.engine.CollectJob;
import org.worldmodels.engine.Collected;
import org.worldmodels.engine.Engine;
import org.worldmodels.engine.Engines;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Progress;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark} and {@code --master URL}, shared by {@code collect}, {@code
 * control}, {@code play} and {@code run} (a picocli mixin), and what each command does with them.
 * With the local engine the commands run as they always did; with another one their units of work
 * run there ({@link Engine}), with the same bits.
 */
final class EngineOptions {
  @Option(
      names = "--engine",
      description = "Where the work runs: local (this JVM) or spark (default ${DEFAULT-VALUE}).")
  String engine = Engines.LOCAL;

  @Option(
      names = "--master",
      description = "With --engine spark: the master URL (default " + Engines.DEFAULT_MASTER + ").")
  String master;

  /**
   * Whether the work runs in this JVM as before; checks {@code --engine} and {@code --master} (and
   * that the engine is in this build), before any work.
   */
  boolean local() {
    Engines.check(engine, master);
    return Engines.LOCAL.equals(engine);
  }

  /** {@code collect}: the episodes of a random policy or a controller, into {@code dir}. */
  Rollouts.Totals collect(
      String env,
      int episodes,
      Path policy,
      Path model,
      int round,
      double exploration,
      long seed,
      Path dir,
      int frameSize) {
    CollectJob job =
        policy == null
            ? CollectJob.random(env, episodes, round, exploration, seed, dir, frameSize)
            : CollectJob.of(
                new ControllerCollect.Request(
                    model, policy, env, episodes, seed, round, exploration),
                dir);
    try (Engine e = Engines.open(engine, master)) {
      Collected c = e.collect(job);
      return new Rollouts.Totals(c.episodes(), c.steps());
    }
  }

  /** {@code play}: each episode's return. */
  double[] play(PlayRequest request, Progress progress) {
    if (local()) {
      return RealEvaluation.play(request, progress);
    }
    try (Engine e = Engines.open(engine, master)) {
      return e.play(request);
    }
  }

  /** {@code control}: CMA-ES in the dream, each generation scored on the engine. */
  CmaesSearch.Result control(ControlRequest request, Progress progress) throws IOException {
    if (local()) {
      return DreamControlTraining.run(request, progress);
    }
    try (Engine e = Engines.open(engine, master)) {
      return e.control(request, progress);
    }
  }

  /** Opens the engine (after {@link #local()} checked the options). */
  Engine open() {
    return Engines.open(engine, master);
  }
}
