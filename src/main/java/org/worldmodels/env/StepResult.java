package org.worldmodels.env;

import java.util.Arrays;

/**
 * What one {@link Env#step} returns, with Gymnasium's meaning of the two endings.
 *
 * @param observation the observation after the action, a fresh array owned by the receiver
 * @param reward the reward for the action
 * @param terminated a terminal state of the task was reached (the pole fell, the cart left)
 * @param truncated the episode was cut from outside the task, here by the time limit; it can be
 *     true together with {@code terminated}
 */
public record StepResult(
    float[] observation, double reward, boolean terminated, boolean truncated) {

  /** Requires an observation. */
  public StepResult {
    if (observation == null) {
      throw new IllegalArgumentException("observation must not be null");
    }
  }

  /** Whether the episode is over for either reason, so {@code reset} must come next. */
  public boolean done() {
    return terminated || truncated;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepResult s
        && Arrays.equals(observation, s.observation)
        && Double.compare(reward, s.reward) == 0
        && terminated == s.terminated
        && truncated == s.truncated;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(observation) * 31
        + Double.hashCode(reward) * 4
        + (terminated ? 2 : 0)
        + (truncated ? 1 : 0);
  }

  @Override
  public String toString() {
    return "StepResult(observation="
        + Arrays.toString(observation)
        + ", reward="
        + reward
        + ", terminated="
        + terminated
        + ", truncated="
        + truncated
        + ")";
  }
}
