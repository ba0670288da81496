package org.worldmodels.rollout;

import java.util.random.RandomGenerator;
import org.worldmodels.env.Space;
import org.worldmodels.util.Check;

/**
 * A policy with exploration: at each step, with probability {@code epsilon}, a uniformly random
 * action ({@link Space#sample}) instead of the wrapped policy's. The iterative training procedure
 * collects a later round's data this way, so that the model also sees what happens off the
 * controller's own path. Each episode draws from its own stream, keyed by the episode's seed alone,
 * so the episodes do not depend on the number of slots.
 *
 * <pre>{@code
 * Policy explore = ExplorationPolicy.around(controller, env.actionSpace(), 0.1);
 * }</pre>
 *
 * <p>The wrapped policy acts at every step, taken or not, so a policy with state stays aligned; one
 * uniform number decides each step, then the random action draws from the same stream.
 */
public final class ExplorationPolicy implements Policy {
  /** Separates these streams from the environment's and the random policies', keyed alike. */
  static final long STREAM_TAG = 0xE5_9107L;

  private final Policy inner;
  private final Space actionSpace;
  private final double epsilon;
  private final SlotStreams streams = new SlotStreams(STREAM_TAG);

  private ExplorationPolicy(Policy inner, Space actionSpace, double epsilon) {
    this.inner = inner;
    this.actionSpace = actionSpace;
    this.epsilon = epsilon;
  }

  /**
   * {@code policy} exploring with probability {@code epsilon} in {@code actionSpace}; {@code
   * policy} itself when {@code epsilon} is 0, so that no exploration means its actions exactly.
   *
   * @throws IllegalArgumentException if {@code epsilon} is outside [0, 1]
   */
  public static Policy around(Policy policy, Space actionSpace, double epsilon) {
    Check.argument(policy != null && actionSpace != null, "policy and action space must be given");
    Check.inRange("exploration", epsilon, 0, 1);
    return epsilon == 0 ? policy : new ExplorationPolicy(policy, actionSpace, epsilon);
  }

  @Override
  public float[] act(int slot, float[] z, float[] h) {
    float[] a = inner.act(slot, z, h);
    RandomGenerator rng = streams.of(slot);
    return rng.nextDouble() < epsilon ? actionSpace.sample(rng) : a;
  }

  /** Starts the wrapped policy and restarts the slot's stream from the episode seed. */
  @Override
  public void start(int slot, long episode, long seed) {
    inner.start(slot, episode, seed);
    streams.start(slot, seed);
  }

  @Override
  public String toString() {
    return "ExplorationPolicy(" + inner + ", epsilon=" + epsilon + ")";
  }
}
