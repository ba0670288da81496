package org.worldmodels.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.worldmodels.WorldModel;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.LatentRange;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Progress;

/**
 * Trains a controller inside the dream (World Models' C): {@link #run} loads what a {@link
 * ControlRequest} names, runs a {@link CmaesSearch} scored by a {@link DreamPopulationScorer} and
 * writes the controller file. The rules that {@code control} and the pipeline share live here once:
 * the dream a controller trains in ({@link #dreamOptions}) and what a halt margin may be ({@link
 * #requireHaltMargin}). Nothing here can reach a real environment.
 */
public final class DreamControlTraining {
  private DreamControlTraining() {}

  /**
   * Runs a request: checks that {@code out} is new, loads the model and the initial episodes,
   * checks that they fit, trains and writes the controller file.
   *
   * @return the final controller, its mean dream return and the generations' figures
   * @throws IllegalArgumentException for a bad file, a size mismatch or a setting the model cannot
   *     honour (no time limit given or recorded, a halt margin without a latent range), before any
   *     dream runs
   * @throws IOException if the controller or state file cannot be written
   */
  public static CmaesSearch.Result run(ControlRequest request, Progress progress)
      throws IOException {
    return run(request, progress, UnaryOperator.identity());
  }

  /**
   * As {@link #run(ControlRequest, Progress)}, each generation scored by {@code engine.apply(s)}
   * with {@code s} the in-process scorer: an engine may score the same blocks elsewhere ({@link
   * DreamPopulationScorer#scoreBlock}, {@link #scoring}) and must give the same returns.
   */
  public static CmaesSearch.Result run(
      ControlRequest request, Progress progress, UnaryOperator<PopulationScorer> engine)
      throws IOException {
    OutputDir.requireNewFile(request.out());
    try (WorldModel m = WorldModel.load(request.model())) {
      Scoring scoring = scoring(m, request);
      CmaesSearch search = new CmaesSearch(scoring.spec(), request.settings());
      if (request.state() != null) {
        search = search.checkpointingTo(request.state());
      }
      if (request.incumbent() != null) {
        search = search.keepingUnlessBeaten(incumbent(request.incumbent(), scoring.spec()));
      }
      CmaesSearch.Result r;
      try (PopulationScorer scorer = engine.apply(scoring.scorer())) {
        r = search.run(scorer, progress);
      }
      ControllerFile.of(r.controller(), ModelReference.of(request.model())).write(request.out());
      return r;
    }
  }

  /**
   * How a request's candidates are read and scored with a loaded model.
   *
   * @param spec how a parameter vector reads as a controller
   * @param scorer the in-process scorer of the request's dreams
   */
  public record Scoring(ControllerSpec spec, DreamPopulationScorer scorer) {}

  /**
   * The controller spec and the in-process scorer of {@code request} for the loaded model {@code m}
   * (the request's model): loads the initial episodes and checks that they fit. Every engine builds
   * its scorers here, so they dream alike.
   *
   * @throws IllegalArgumentException for a bad file, a size mismatch or a setting the model cannot
   *     honour
   */
  public static Scoring scoring(WorldModel m, ControlRequest request) {
    int maxSteps =
        request.maxSteps() != null ? request.maxSteps() : requireTimeLimit(m.spec(), request);
    InitialLatents starts =
        InitialLatents.from(
            loadInitial(request.initial()),
            request.context(),
            m.config().zSize(),
            "initial " + request.initial(),
            request.model().toString());
    ControllerSpec spec =
        ControllerSpec.forModel(
            request.controller(),
            m.config(),
            m.spec().action(),
            request.controller() == ControllerKind.MLP ? request.hiddenUnits() : 0);
    DreamOptions options =
        dreamOptions(
            m,
            request.temperature(),
            request.doneThreshold(),
            request.haltMargin(),
            request.seed());
    return new Scoring(
        spec,
        new DreamPopulationScorer(
            m::dreamEnv,
            options,
            starts,
            maxSteps,
            m.config().rewardHead(),
            request.rollouts(),
            request.round()));
  }

  /** The parameters of the incumbent's controller file, which must be of {@code spec}. */
  private static double[] incumbent(Path file, ControllerSpec spec) {
    ControllerFile f;
    try {
      f = ControllerFile.read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("incumbent " + e.getMessage(), e);
    }
    Check.argument(
        f.spec().equals(spec),
        "incumbent " + file + ": a controller of " + f.spec() + "; this search trains " + spec);
    return f.parameters();
  }

  private static int requireTimeLimit(DataSpec spec, ControlRequest request) {
    Check.argument(
        spec.maxEpisodeSteps() != null,
        "max_steps is required: the data spec of model "
            + request.model()
            + " has no max_episode_steps");
    return spec.maxEpisodeSteps();
  }

  private static Dataset loadInitial(Path dir) {
    try {
      return EpisodeStore.load(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("initial " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a halt margin before anything is loaded: null (never halt) or a finite fraction above
   * -0.5 (at -0.5 the shrunk range is empty).
   *
   * @param name how to name the value in the message (a key or a flag)
   * @throws IllegalArgumentException "NAME M: expected a number above -0.5" otherwise
   */
  public static void requireHaltMargin(String name, Double haltMargin) {
    if (haltMargin != null) {
      Check.argument(
          Double.isFinite(haltMargin) && haltMargin > -0.5,
          name + " " + haltMargin + ": expected a number above -0.5");
    }
  }

  /**
   * The dream a controller trains in: both temperatures at {@code temperature}, done sampled or
   * thresholded, optionally halted outside the model's training data.
   *
   * @param doneThreshold end an episode when P(done) exceeds it; null to sample done
   * @param haltMargin end an episode when a latent leaves the training data's range widened by this
   *     fraction of its width on each side; null never
   * @throws IllegalArgumentException if a margin is given and the model records no latent range
   */
  public static DreamOptions dreamOptions(
      WorldModel model, double temperature, Double doneThreshold, Double haltMargin, long seed) {
    DreamOptions.Builder b = DreamOptions.builder().temperature(temperature).seed(seed);
    if (doneThreshold != null) {
      b.doneThreshold(doneThreshold);
    }
    if (haltMargin != null) {
      LatentRange range =
          model
              .latentRange()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "halt margin "
                              + haltMargin
                              + ": model "
                              + model.directory()
                              + " records no latent range; retrain it with this version"));
      b.haltOutside(range.widen(haltMargin));
    }
    return b.build();
  }
}
