package org.worldmodels.env;

/**
 * The action an environment actually applies for what a policy or controller asked, which is also
 * what episode files record (ARCHITECTURE.md, "Episode files"): a discrete action becomes the
 * one-hot vector of its argmax (so scores work as well as one-hots), a box action is clipped to the
 * bounds.
 *
 * <pre>{@code
 * AppliedActions.of(new Discrete(2), new float[] {0.2f, 0.7f});      // [0.0, 1.0]
 * AppliedActions.of(Box.uniform(1, -2f, 2f), new float[] {5f});      // [2.0]
 * }</pre>
 */
public final class AppliedActions {
  private AppliedActions() {}

  /**
   * The applied form of {@code action} in {@code space}, a fresh array.
   *
   * @throws IllegalArgumentException if the length is wrong or an entry is NaN
   */
  public static float[] of(Space space, float[] action) {
    if (space instanceof Discrete d) {
      return d.oneHot(d.index(action));
    }
    return ((Box) space).clip(action); // Space is sealed: Box or Discrete
  }
}
