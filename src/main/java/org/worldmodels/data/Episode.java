package org.worldmodels.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One recorded episode of T transitions: the latents {@code z[0..T]} and, for each step t, the
 * action taken in {@code z[t]}, the reward that followed and how the step ended. Transition t is
 * {@code (z[t], action[t]) -> (z[t+1], reward[t], terminated[t], truncated[t])}.
 *
 * <p>An episode recorded in a pixel environment also holds its {@code frames} (uint8 [T+1, H, W,
 * 3]) and the environment's vector observation as {@code state} [T+1, S], for plots and diagnostics
 * only; such an episode has no {@code z} until a vision model encodes its frames (ARCHITECTURE.md,
 * "Pixels and the vision model V"). {@code z} may be null only when there are frames.
 *
 * <p>The compact constructor checks the shapes and that every number is finite; messages name the
 * array as the episode file's key ({@code key 'z': ...}), so a reader can prefix the file. The
 * arrays are not copied (episodes can be large): the episode owns them and nobody may change them
 * afterwards. {@link #equals} compares contents.
 *
 * @param z latents, shape [T+1, Z]; {@code z[0]} the initial one, {@code z[T]} the one after the
 *     last action; null for frames not yet encoded
 * @param action actions, shape [T, A]; discrete actions one-hot
 * @param reward reward received after {@code action[t]}, shape [T]
 * @param terminated a terminal state of the MDP was reached after step t, shape [T]
 * @param truncated the episode was cut from outside (a time limit) after step t, shape [T]
 * @param frames the frames seen, [T+1, H, W, 3] uint8; null for an episode without frames
 * @param state the environment's vector observation at each step, [T+1, S]; null if not recorded
 */
public record Episode(
    float[][] z,
    float[][] action,
    float[] reward,
    boolean[] terminated,
    boolean[] truncated,
    Frames frames,
    float[][] state) {

  public Episode {
    if (frames == null) {
      requireNonNull(z, "z");
    }
    requireNonNull(action, "action");
    requireNonNull(reward, "reward");
    requireNonNull(terminated, "terminated");
    requireNonNull(truncated, "truncated");
    int t = action.length;
    if (t == 0) {
      throw new IllegalArgumentException(
          "key 'action': has 0 rows, an empty episode; expected T >= 1 transitions");
    }
    if (z != null) {
      checkSteps(z.length, "z", t);
      checkRows(z, "z");
      checkFinite(z, "z");
    }
    checkRows(action, "action");
    checkLength(reward.length, "reward", t);
    checkLength(terminated.length, "terminated", t);
    checkLength(truncated.length, "truncated", t);
    checkFinite(action, "action");
    if (frames != null) {
      checkSteps(frames.count(), "frames", t);
    }
    if (state != null) {
      checkSteps(state.length, "state", t);
      checkRows(state, "state");
      checkFinite(state, "state");
    }
    for (int i = 0; i < t; i++) {
      if (!Float.isFinite(reward[i])) {
        throw new IllegalArgumentException(
            "key 'reward': " + reward[i] + " at [" + i + "]; expected finite values");
      }
    }
  }

  /** An episode of latents, without frames. */
  public Episode(
      float[][] z, float[][] action, float[] reward, boolean[] terminated, boolean[] truncated) {
    this(z, action, reward, terminated, truncated, null, null);
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

  /** Whether the episode has latents {@code z} (frames not yet encoded have none). */
  public boolean hasZ() {
    return z != null;
  }

  /** Whether the episode holds frames. */
  public boolean hasFrames() {
    return frames != null;
  }

  /**
   * Width Z of a latent.
   *
   * @throws IllegalStateException for frames without latents
   */
  public int zSize() {
    if (z == null) {
      throw new IllegalStateException(
          "the episode has frames but no 'z'; encode its frames first (vae encode)");
    }
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
        && Arrays.equals(truncated, e.truncated)
        && Objects.equals(frames, e.frames)
        && Arrays.deepEquals(state, e.state);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(z) + Arrays.deepHashCode(action);
  }

  @Override
  public String toString() {
    return "Episode[T="
        + length()
        + (z == null ? "" : ", Z=" + zSize())
        + ", A="
        + actionSize()
        + (frames == null ? "" : ", frames " + frames.height() + "x" + frames.width())
        + "]";
  }

  private static void checkSteps(int rows, String key, int t) {
    if (rows != t + 1) {
      throw new IllegalArgumentException(
          "key '"
              + key
              + "': has "
              + rows
              + " rows but 'action' has "
              + t
              + "; expected T+1 = "
              + (t + 1));
    }
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
