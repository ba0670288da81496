package org.worldmodels.env;

import java.util.random.RandomGenerator;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * A random policy whose actions persist: with probability {@code repeat} it repeats its last
 * action, otherwise it draws a fresh uniform one (the first action of an episode is always fresh).
 * Runs of one action last {@code 1 / (1 - repeat)} steps on average, so recorded data covers what a
 * controller that pushes one way for a while would see, which a uniform policy almost never does.
 * {@code repeat = 0} is {@link RandomPolicy}'s distribution.
 */
public final class StickyRandomPolicy implements Policy {
  private final Space actionSpace;
  private final double repeat;
  private final long seed;
  private RandomGenerator rng;
  private float[] last;

  public StickyRandomPolicy(Space actionSpace, double repeat, long seed) {
    Check.argument(actionSpace != null, "actionSpace must not be null");
    this.actionSpace = actionSpace;
    this.repeat = Check.inRange("repeat probability", repeat, 0, 0.99);
    this.seed = seed;
    this.rng = Seeds.stream(seed);
  }

  @Override
  public float[] act(float[] observation) {
    // One uniform draw decides the repeat at every step, so the stream stays aligned; with
    // repeat = 0 none is drawn, and the actions are exactly RandomPolicy's.
    boolean again = repeat > 0 && rng.nextDouble() < repeat;
    if (last == null || !again) {
      last = actionSpace.sample(rng);
    }
    return last.clone();
  }

  /** Restarts the stream from (policy seed, episode seed) and forgets the last action. */
  @Override
  public void reset(long episodeSeed) {
    rng = Seeds.stream(seed, episodeSeed);
    last = null;
  }
}
