package org.worldmodels.rollout;

import org.worldmodels.util.Check;

/**
 * Sums each episode's rewards (in double, in step order), or counts its steps: the score of a
 * survival task when the world predicts no reward. Allocates nothing per step.
 *
 * <pre>{@code
 * ReturnSums sums = ReturnSums.rewards(plan.episodes());
 * Rollouts.run(world, policy, plan, sums, Progress.NONE);
 * double[] returns = sums.returns(); // [episodes]
 * }</pre>
 */
public final class ReturnSums implements RolloutSink {
  private final double[] sums;
  private final boolean countSteps;

  private ReturnSums(int episodes, boolean countSteps) {
    Check.inRange("episodes", episodes, 0, Integer.MAX_VALUE - 8);
    this.sums = new double[episodes];
    this.countSteps = countSteps;
  }

  /** The sum of each episode's rewards. */
  public static ReturnSums rewards(int episodes) {
    return new ReturnSums(episodes, false);
  }

  /** Each episode's number of steps. */
  public static ReturnSums steps(int episodes) {
    return new ReturnSums(episodes, true);
  }

  @Override
  public void step(Transition t) {
    sums[(int) t.episode()] += countSteps ? 1 : t.reward();
  }

  /** A copy of the sums, by episode index. */
  public double[] returns() {
    return sums.clone();
  }
}
