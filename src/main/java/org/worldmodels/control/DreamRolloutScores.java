package org.worldmodels.control;

import java.util.List;
import java.util.function.Function;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;

/**
 * Scores controllers by their returns in the dream only: every rollout of every controller runs as
 * one row of a single batched {@link DreamEnv}, so a whole CMA-ES population advances with one step
 * call per time step. Row {@code i} of a call has row id {@code firstRowId + i}, which fixes both
 * its start latent and its random stream.
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
  private final long startSeed;

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
    this.startSeed = options.seed();
  }

  /**
   * Returns {@code [controllers][rollouts]} for generation {@code generation} of round {@code
   * round}. Temporary adapter (until the seed rule keys each row by {@code SeedKey.control}): rows
   * start at {@code generation * controllers * rollouts}, which is the row numbering of before for
   * a whole population.
   */
  public double[][] returns(List<Controller> controllers, int rollouts, int round, int generation) {
    return returns(controllers, rollouts, (long) generation * controllers.size() * rollouts);
  }

  /**
   * Returns {@code [controllers][rollouts]}: each controller's return in each of {@code rollouts}
   * dreamed episodes.
   */
  public double[][] returns(List<Controller> controllers, int rollouts, long firstRowId) {
    Check.positive("rollouts", rollouts);
    int n = controllers.size() * rollouts;
    double[][] out = new double[controllers.size()][rollouts];
    try (DreamEnv env = dreams.apply(options.toBuilder().batchSize(n).build())) {
      int zs = env.zSize();
      int as = env.actionSize();
      int[] rows = new int[n];
      long[] ids = new long[n];
      float[][] z = new float[n][];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
        ids[i] = firstRowId + i;
        z[i] = starts.forEpisode(startSeed, ids[i]);
      }
      env.reset(rows, ids, z);
      boolean[] running = new boolean[n];
      java.util.Arrays.fill(running, true);
      int alive = n;
      float[][] a = new float[n][as];
      for (int t = 0; t < maxSteps && alive > 0; t++) {
        float[][] h = env.hidden();
        for (int i = 0; i < n; i++) {
          if (running[i]) {
            a[i] = controllers.get(i / rollouts).act(z[i], h[i]);
          }
        }
        DreamStep s = env.step(z, a);
        for (int i = 0; i < n; i++) {
          if (!running[i]) {
            continue;
          }
          out[i / rollouts][i % rollouts] += rewardHead ? s.reward()[i] : 1;
          z[i] = s.z()[i];
          if (s.done()[i]) {
            running[i] = false;
            alive--;
            z[i] = new float[zs]; // finished rows keep stepping, fed a fixed input and ignored
            a[i] = new float[as];
          }
        }
      }
    }
    return out;
  }
}
