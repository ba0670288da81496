package org.worldmodels.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.rollout.DreamWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.ReturnSums;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/**
 * Scores controllers by their returns in the dream only: every rollout of every controller runs as
 * one slot of a single batched {@link DreamWorld} (no slot is recycled), so a whole CMA-ES
 * population advances with one step call per time step. Rollout {@code j} of candidate {@code c} in
 * generation {@code g} of round {@code r} dreams as row id {@code SeedKey.control(seed, r, g, c,
 * j).seed()} ({@code seed} the dream options' seed), which fixes both its start latent and its
 * random stream.
 *
 * <p>A rollout's return is the sum of the reward head's predictions; a model without a reward head
 * scores the number of steps survived (the natural objective of a survival task).
 */
public final class DreamRolloutScores {
  private final Function<DreamOptions, DreamEnv> dreams;
  private final DreamOptions options;
  private final InitialLatents starts;
  private final int maxSteps;
  private final boolean rewardHead;

  /**
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @param options temperature, seed and backend; the batch size is set per call
   * @param rewardHead whether the model predicts rewards
   */
  public DreamRolloutScores(
      Function<DreamOptions, DreamEnv> dreams,
      DreamOptions options,
      InitialLatents starts,
      int maxSteps,
      boolean rewardHead) {
    this.dreams = dreams;
    this.options = options;
    this.starts = starts;
    this.maxSteps = Check.positive("max steps", maxSteps);
    this.rewardHead = rewardHead;
  }

  /**
   * Returns {@code [controllers][rollouts]}: each controller's return in each of {@code rollouts}
   * dreamed episodes, controller {@code c} being candidate {@code c} of {@code generation} in
   * {@code round}.
   *
   * @throws IllegalArgumentException if the controllers do not share one action space
   */
  public double[][] returns(List<Controller> controllers, int rollouts, int round, int generation) {
    return returns(controllers, 0, rollouts, round, generation);
  }

  /**
   * As {@link #returns(List, int, int, int)}, controller {@code c} of the list being candidate
   * {@code firstCandidate + c} of {@code generation}: a block of a population, scored as one
   * batched dream of its own.
   */
  public double[][] returns(
      List<Controller> controllers, int firstCandidate, int rollouts, int round, int generation) {
    Check.positive("rollouts", rollouts);
    Check.argument(firstCandidate >= 0, "first candidate " + firstCandidate + ": expected >= 0");
    Check.argument(!controllers.isEmpty(), "no controllers to score");
    ActionSpec action = controllers.get(0).spec().action();
    for (Controller c : controllers) {
      Check.argument(
          c.spec().action().equals(action),
          "controllers act in " + action + " and " + c.spec().action() + "; expected one space");
    }
    int n = Math.multiplyExact(controllers.size(), rollouts);
    long seed = options.seed();
    EpisodePlan plan =
        new EpisodePlan(
            "score",
            n,
            e ->
                SeedKey.control(
                        seed,
                        round,
                        generation,
                        firstCandidate + (int) (e / rollouts),
                        e % rollouts)
                    .seed(),
            maxSteps);
    ReturnSums sums = rewardHead ? ReturnSums.rewards(n) : ReturnSums.steps(n);
    try (DreamWorld world = DreamWorld.open(dreams, options, n, action, starts)) {
      Rollouts.run(world, new Population(controllers, rollouts, n), plan, sums, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // ReturnSums does no I/O
    }
    double[] flat = sums.returns();
    double[][] out = new double[controllers.size()][rollouts];
    for (int e = 0; e < n; e++) {
      out[e / rollouts][e % rollouts] = flat[e];
    }
    return out;
  }

  /** Episode {@code e} is rollout {@code e % rollouts} of controller {@code e / rollouts}. */
  private static final class Population implements Policy {
    private final List<Controller> controllers;
    private final int rollouts;
    private final Controller[] bySlot;

    Population(List<Controller> controllers, int rollouts, int slots) {
      this.controllers = controllers;
      this.rollouts = rollouts;
      this.bySlot = new Controller[slots];
    }

    @Override
    public void start(int slot, long episode, long seed) {
      bySlot[slot] = controllers.get((int) (episode / rollouts));
    }

    @Override
    public float[] act(int slot, float[] z, float[] h) {
      return bySlot[slot].act(z, h);
    }
  }
}
