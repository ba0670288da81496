package org.worldmodels.rollout;

import java.util.Arrays;
import java.util.List;
import org.worldmodels.util.Check;

/**
 * Plays recorded actions back: episode {@code e} takes {@code actions.get(e)[t]} at its step {@code
 * t}, whatever {@code z} and {@code h} say. Used to replay a real episode in the dream.
 */
public final class ReplayPolicy implements Policy {
  private final List<float[][]> actions;
  private int[] episodeOf = new int[0];
  private int[] t = new int[0];

  /**
   * @param actions per episode index, the actions [T][A] to play
   */
  public ReplayPolicy(List<float[][]> actions) {
    Check.argument(actions != null, "actions must not be null");
    this.actions = List.copyOf(actions);
  }

  @Override
  public void start(int slot, long episode, long seed) {
    Check.argument(
        episode >= 0 && episode < actions.size(),
        "episode " + episode + " has no recorded actions; " + actions.size() + " were given");
    if (slot >= t.length) {
      int n = Math.max(slot + 1, 2 * t.length);
      episodeOf = Arrays.copyOf(episodeOf, n);
      t = Arrays.copyOf(t, n);
    }
    episodeOf[slot] = (int) episode;
    t[slot] = 0;
  }

  @Override
  public float[] act(int slot, float[] z, float[] h) {
    float[][] recorded = actions.get(episodeOf[slot]);
    Check.state(
        t[slot] < recorded.length,
        "episode " + episodeOf[slot] + " ran past its " + recorded.length + " recorded actions");
    return recorded[t[slot]++];
  }
}
