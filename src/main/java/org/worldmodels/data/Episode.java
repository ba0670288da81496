package org.worldmodels.data;

import java.util.Arrays;

/**
 * One recorded episode of T transitions: the latents {@code z[0..T]} and, for each step t, the
 * action taken in {@code z[t]}, the reward that followed and how the step ended. Transition t is
 * {@code (z[t], action[t]) -> (z[t+1], reward[t], terminated[t], truncated[t])}.
 *
 * <p>The compact constructor checks the shapes and that every number is finite; messages name the
 * array as the episode file's key ({@code key 'z': ...}), so a reader can prefix the file. The
 * arrays are not copied (episodes can be large): the episode owns them and nobody may change them
 * afterwards. {@link #equals} compares contents.
 *
 * @param z latents, shape [T+1, Z]; {@code z[0]} the initial one, {@code z[T]} the one after the
 *     last action
 * @param action actions, shape [T, A]; discrete actions one-hot
 * @param reward reward received after {@code action[t]}, shape [T]
 * @param terminated a terminal state of the MDP was reached after step t, shape [T]
 * @param truncated the episode was cut from outside (a time limit) after step t, shape [T]
 */
public record Episode(
    float[][] z, float[][] action, float[] reward, boolean[] terminated, boolean[] truncated) {

  public Episode {
    requireNonNull(z, "z");
    requireNonNull(action, "action");
    requireNonNull(reward, "reward");
    requireNonNull(terminated, "terminated");
    requireNonNull(truncated, "truncated");
    int t = action.length;
    if (t == 0) {
      throw new IllegalArgumentException(
          "key 'action': has 0 rows, an empty episode; expected T >= 1 transitions");
    }
    if (z.length != t + 1) {
      throw new IllegalArgumentException(
          "key 'z': has "
              + z.length
              + " rows but 'action' has "
              + t
              + "; expected T+1 = "
              + (t + 1));
    }
    checkRows(z, "z");
    checkRows(action, "action");
    checkLength(reward.length, "reward", t);
    checkLength(terminated.length, "terminated", t);
    checkLength(truncated.length, "truncated", t);
    checkFinite(z, "z");
    checkFinite(action, "action");
    for (int i = 0; i < t; i++) {
      if (!Float.isFinite(reward[i])) {
        throw new IllegalArgumentException(
            "key 'reward': " + reward[i] + " at [" + i + "]; expected finite values");
      }
    }
  }

  /** An episode without rewards or end flags (all zero / false), for data that has none. */
  public static Episode ofTransitions(float[][] z, float[][] action) {
    int t = action.length;
    return new Episode(z, action, new float[t], new boolean[t], new boolean[t]);
  }

  /** Number of transitions T. */
  public int length() {
    return action.length;
  }

  /** Width Z of a latent. */
  public int zSize() {
    return z[0].length;
  }

  /** Width A of an action. */
  public int actionSize() {
    return action[0].length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Episode e
        && Arrays.deepEquals(z, e.z)
        && Arrays.deepEquals(action, e.action)
        && Arrays.equals(reward, e.reward)
        && Arrays.equals(terminated, e.terminated)
        && Arrays.equals(truncated, e.truncated);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(z) + Arrays.deepHashCode(action);
  }

  @Override
  public String toString() {
    return "Episode[T=" + length() + ", Z=" + zSize() + ", A=" + actionSize() + "]";
  }

  private static void requireNonNull(Object array, String key) {
    if (array == null) {
      throw new IllegalArgumentException("key '" + key + "': missing (null)");
    }
  }

  private static void checkRows(float[][] rows, String key) {
    int width = rows[0] == null ? 0 : rows[0].length;
    if (width == 0) {
      throw new IllegalArgumentException("key '" + key + "': rows of width 0; expected >= 1");
    }
    for (int i = 1; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != width) {
        throw new IllegalArgumentException(
            "key '"
                + key
                + "': row "
                + i
                + " has "
                + (rows[i] == null ? 0 : rows[i].length)
                + " values; expected "
                + width
                + " like row 0");
      }
    }
  }

  private static void checkLength(int length, String key, int t) {
    if (length != t) {
      throw new IllegalArgumentException(
          "key '"
              + key
              + "': has "
              + length
              + " values but 'action' has "
              + t
              + " rows; expected T = "
              + t);
    }
  }

  private static void checkFinite(float[][] rows, String key) {
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        if (!Float.isFinite(rows[i][j])) {
          throw new IllegalArgumentException(
              "key '"
                  + key
                  + "': "
                  + rows[i][j]
                  + " at ["
                  + i
                  + ", "
                  + j
                  + "]; expected finite values");
        }
      }
    }
  }
}
