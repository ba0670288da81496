package org.worldmodels.rollout;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.worldmodels.env.Space;
import org.worldmodels.util.Check;

/**
 * A random policy whose actions persist: with probability {@code repeat} it repeats its last
 * action, otherwise it draws a fresh uniform one (the first action of an episode is always fresh).
 * Runs of one action last {@code 1 / (1 - repeat)} steps on average, so recorded data covers what a
 * controller that pushes one way for a while would see, which a uniform policy almost never does.
 * {@code repeat = 0} is {@link RandomPolicy}'s distribution, draw for draw. Each episode draws from
 * its own stream, keyed by the episode's seed alone.
 */
public final class StickyRandomPolicy implements Policy {
  private final Space actionSpace;
  private final double repeat;
  private final SlotStreams streams = new SlotStreams(RandomPolicy.STREAM_TAG);
  private float[][] last = new float[0][];

  /**
   * @param repeat probability of repeating the last action, in [0, 0.99]
   */
  public StickyRandomPolicy(Space actionSpace, double repeat) {
    Check.argument(actionSpace != null, "actionSpace must not be null");
    this.actionSpace = actionSpace;
    this.repeat = Check.inRange("repeat probability", repeat, 0, 0.99);
  }

  @Override
  public float[] act(int slot, float[] z, float[] h) {
    RandomGenerator rng = streams.of(slot);
    // One uniform draw decides the repeat at every step, so the stream stays aligned; with
    // repeat = 0 none is drawn, and the actions are exactly RandomPolicy's.
    boolean again = repeat > 0 && rng.nextDouble() < repeat;
    if (last[slot] == null || !again) {
      last[slot] = actionSpace.sample(rng);
    }
    return last[slot].clone();
  }

  /** Restarts the slot's stream from the episode seed and forgets its last action. */
  @Override
  public void start(int slot, long episode, long seed) {
    streams.start(slot, seed);
    if (slot >= last.length) {
      last = Arrays.copyOf(last, Math.max(slot + 1, 2 * last.length));
    }
    last[slot] = null;
  }

  @Override
  public String toString() {
    return "StickyRandomPolicy(" + actionSpace + ", repeat=" + repeat + ")";
  }
}
