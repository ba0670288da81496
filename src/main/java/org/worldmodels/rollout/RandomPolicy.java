package org.worldmodels.rollout;

import org.worldmodels.env.Space;
import org.worldmodels.util.Check;

/**
 * Acts uniformly at random in an action space, ignoring {@code z} and {@code h}: uniform in the
 * box, or a uniform one-hot action ({@link Space#sample}). Each episode draws from its own stream,
 * keyed by the episode's seed alone.
 *
 * <pre>{@code
 * Policy p = new RandomPolicy(new Discrete(2));
 * p.start(0, 0, SeedKey.collect(7, 0, 0).seed());
 * p.act(0, z, new float[0]); // [1.0, 0.0] or [0.0, 1.0]
 * }</pre>
 */
public final class RandomPolicy implements Policy {
  /** Separates the policy's streams from the environment's, keyed by the same episode seed. */
  static final long STREAM_TAG = 0x70_11C7L;

  private final Space actionSpace;
  private final SlotStreams streams = new SlotStreams(STREAM_TAG);

  /** A policy drawing from {@code actionSpace}. */
  public RandomPolicy(Space actionSpace) {
    Check.argument(actionSpace != null, "actionSpace must not be null");
    this.actionSpace = actionSpace;
  }

  @Override
  public float[] act(int slot, float[] z, float[] h) {
    return actionSpace.sample(streams.of(slot));
  }

  /** Restarts the slot's stream from the episode seed. */
  @Override
  public void start(int slot, long episode, long seed) {
    streams.start(slot, seed);
  }

  /** The space actions are drawn from. */
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public String toString() {
    return "RandomPolicy(" + actionSpace + ")";
  }
}
