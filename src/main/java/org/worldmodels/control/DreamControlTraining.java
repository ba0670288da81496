package org.worldmodels.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.worldmodels.WorldModel;
import org.worldmodels.data.LatentRange;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;

/**
 * Trains a controller inside the dream with CMA-ES (World Models' C): each generation's population
 * is scored by {@code rollouts} dreamed episodes per candidate, all in one batched dream; fitness
 * is the negated mean return. Nothing here can reach a real environment: the only world it is given
 * is {@code dreams}.
 */
public final class DreamControlTraining {
  private DreamControlTraining() {}

  /**
   * Settings.
   *
   * @param population CMA-ES population
   * @param generations generations
   * @param rollouts dreamed episodes per candidate
   * @param maxSteps time limit of a dreamed episode
   * @param initialSigma CMA-ES initial step size
   * @param seed seed of CMA-ES and of the dreams
   */
  public record Settings(
      int population, int generations, int rollouts, int maxSteps, double initialSigma, long seed) {
    public Settings {
      Check.inRange("population", population, 2, 1_000_000);
      Check.inRange("generations", generations, 1, 1_000_000);
      Check.inRange("rollouts", rollouts, 1, 1_000_000);
      Check.positive("max steps", maxSteps);
      Check.positiveFinite("initial sigma", initialSigma);
    }
  }

  /**
   * One generation's figures.
   *
   * @param generation 1-based
   * @param bestReturn best candidate's mean dream return
   * @param meanReturn population's mean dream return
   * @param sigma CMA-ES step size after the update
   */
  public record Generation(int generation, double bestReturn, double meanReturn, double sigma) {}

  /**
   * The outcome.
   *
   * @param controller the final CMA-ES mean as a controller
   * @param dreamMeanReturn that controller's mean return over fresh dream rollouts
   * @param history one entry per generation
   */
  public record Result(Controller controller, double dreamMeanReturn, List<Generation> history) {}

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

  /** Runs CMA-ES on controllers of {@code spec} in the dream. */
  public static Result train(
      ControllerSpec spec,
      Function<DreamOptions, DreamEnv> dreams,
      DreamOptions dreamOptions,
      InitialLatents starts,
      boolean rewardHead,
      Settings s,
      Progress progress) {
    DreamRolloutScores scores =
        new DreamRolloutScores(dreams, dreamOptions, starts, s.maxSteps(), rewardHead);
    Cmaes cmaes =
        new Cmaes(
            new CmaesConfig(spec.parameterCount(), s.population(), s.initialSigma(), s.seed()));
    List<Generation> history = new ArrayList<>();
    progress.start("control", s.generations());
    for (int g = 0; g < s.generations(); g++) {
      double[][] candidates = cmaes.ask();
      List<Controller> controllers = new ArrayList<>(candidates.length);
      for (double[] c : candidates) {
        controllers.add(spec.create(c));
      }
      double[][] returns = scores.returns(controllers, s.rollouts(), 0, g);
      double[] fitness = new double[candidates.length];
      double best = Double.NEGATIVE_INFINITY;
      double mean = 0;
      for (int i = 0; i < candidates.length; i++) {
        double m = 0;
        for (double r : returns[i]) {
          m += r;
        }
        m /= s.rollouts();
        fitness[i] = -m;
        best = Math.max(best, m);
        mean += m / candidates.length;
      }
      cmaes.tell(candidates, fitness);
      history.add(new Generation(g + 1, best, mean, cmaes.sigma()));
      progress.update(g + 1, String.format("best %.1f mean %.1f", best, mean));
    }
    progress.finish();
    Controller finalController = spec.create(cmaes.mean());
    // Fresh rollouts (keyed as generation G, after every generation's) score the final mean.
    double[][] fin = scores.returns(List.of(finalController), s.rollouts(), 0, s.generations());
    double m = 0;
    for (double r : fin[0]) {
      m += r;
    }
    return new Result(finalController, m / s.rollouts(), history);
  }
}
