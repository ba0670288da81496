package org.worldmodels.env;

import java.util.random.RandomGenerator;
import org.worldmodels.util.Seeds;

/**
 * Acts uniformly at random in an action space, ignoring observations: uniform in the box, or a
 * uniform one-hot action. Its stream is its own, keyed by the seed it was built with and, after
 * {@link #reset(long)}, by the episode seed too, so an episode's actions do not depend on the
 * episodes before it.
 */
public final class RandomPolicy implements Policy {
  private final Space actionSpace;
  private final long seed;
  private RandomGenerator rng;

  /**
   * A policy drawing from {@code actionSpace}.
   *
   * @param seed the stream used until the first {@link #reset(long)}
   */
  public RandomPolicy(Space actionSpace, long seed) {
    if (actionSpace == null) {
      throw new IllegalArgumentException("actionSpace must not be null");
    }
    this.actionSpace = actionSpace;
    this.seed = seed;
    this.rng = Seeds.stream(seed);
  }

  @Override
  public float[] act(float[] observation) {
    return actionSpace.sample(rng);
  }

  /** Restarts the stream from (policy seed, episode seed). */
  @Override
  public void reset(long episodeSeed) {
    rng = Seeds.stream(seed, episodeSeed);
  }

  /** The space actions are drawn from. */
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public String toString() {
    return "RandomPolicy(" + actionSpace + ", seed=" + seed + ")";
  }
}
