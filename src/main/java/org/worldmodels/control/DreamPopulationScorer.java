package org.worldmodels.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;

/**
 * Scores a population in the dream only, in-process: every rollout of every candidate is one row of
 * a single batched {@link DreamEnv} (see {@link DreamRolloutScores}), so a whole generation
 * advances with one step call per time step. Nothing here reaches a real environment: the only
 * world it is given is {@code dreams}.
 */
public final class DreamPopulationScorer implements PopulationScorer {
  private final DreamRolloutScores scores;
  private final int rollouts;
  private final int round;
  private boolean closed;

  /**
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @param options temperature, seed, done rule and backend; the batch size is set per call
   * @param starts where dreamed episodes start
   * @param maxSteps time limit of a dreamed episode
   * @param rewardHead whether the model predicts rewards (without one, a rollout scores the steps
   *     it survived)
   * @param rollouts dreamed episodes per candidate
   * @param round iterative-training round, 0 for the first (and only) one
   */
  public DreamPopulationScorer(
      Function<DreamOptions, DreamEnv> dreams,
      DreamOptions options,
      InitialLatents starts,
      int maxSteps,
      boolean rewardHead,
      int rollouts,
      int round) {
    this.scores = new DreamRolloutScores(dreams, options, starts, maxSteps, rewardHead);
    this.rollouts = Check.inRange("rollouts", rollouts, 1, 1_000_000);
    this.round = Check.inRange("round", round, 0, Integer.MAX_VALUE);
  }

  @Override
  public double[][] score(ControllerSpec spec, double[][] candidates, int generation) {
    Check.state(!closed, "DreamPopulationScorer is closed");
    Check.argument(
        candidates != null && candidates.length > 0, "no candidates to score; expected at least 1");
    List<Controller> controllers = new ArrayList<>(candidates.length);
    for (double[] c : candidates) {
      controllers.add(spec.create(c));
    }
    return scores.returns(controllers, rollouts, round, generation);
  }

  /** Dreams are opened and closed per call, so there is nothing else to release. */
  @Override
  public void close() {
    closed = true;
  }
}
