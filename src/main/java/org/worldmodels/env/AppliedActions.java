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
    return into(space, action, new float[space.dimension()]);
  }

  /**
   * Writes the applied form of {@code action} into {@code out} and returns {@code out}: the
   * allocation-free form for loops that step every time step ({@code out} may be {@code action}).
   *
   * @param out shape [{@code space.dimension()}]
   * @throws IllegalArgumentException if a length is wrong or an entry of {@code action} is NaN
   */
  public static float[] into(Space space, float[] action, float[] out) {
    space.requireDimension("applied action", out);
    if (space instanceof Discrete d) {
      int hot = d.index(action);
      java.util.Arrays.fill(out, 0f);
      out[hot] = 1f;
      return out;
    }
    Box b = (Box) space; // Space is sealed: Box or Discrete
    b.requireDimension("action", action);
    for (int i = 0; i < out.length; i++) {
      float v = action[i];
      if (Float.isNaN(v)) {
        throw new IllegalArgumentException("cannot clip NaN at index " + i + " into " + b);
      }
      out[i] = Math.min(b.high(i), Math.max(b.low(i), v));
    }
    return out;
  }
}
