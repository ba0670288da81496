package org.worldmodels.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyFormatException;
import org.worldmodels.io.Npz;

/**
 * Reads a World Models series file: an npz with {@code mu} and {@code logvar} of shape [episodes,
 * T, Z], {@code action} [episodes, T, A] (or [episodes, T] for one action dimension), and
 * optionally {@code reward} and {@code done} [episodes, T]; float16 or float32 (float64 and 0/1
 * flags are accepted too), one T for every episode.
 *
 * <p>Row n becomes T-1 transitions: latents from frames 0..T-1, {@code action[0..T-2]} (the last
 * action has no following frame), {@code reward[0..T-2]}, {@code terminated[t] = done[t]} for t in
 * 0..T-2. Hence {@code done[T-1]}, which belongs to the dropped action, is not used. {@code
 * truncated} is all false: a series file cannot tell a time limit from any other cut. Missing
 * {@code reward}/{@code done} read as zeros/false.
 *
 * <p>Ragged series (episodes of different lengths) are saved by numpy as object arrays, which are
 * refused: they would need unpickling.
 */
final class SeriesFile {
  /** Keys read from a series file; others are ignored. */
  static final Set<String> KEYS = Set.of("mu", "logvar", "action", "reward", "done");

  /** Keys that make an npz a series file. */
  static final List<String> MARKERS = List.of("mu", "logvar");

  /**
   * Largest accepted log-variance: {@code exp(logvar / 2)} times a normal draw must stay well
   * inside float range.
   */
  static final float MAX_LOGVAR = 160f;

  private SeriesFile() {}

  /** Whether an npz with these keys is a series file rather than an episode. */
  static boolean isSeries(List<String> keys) {
    return keys.containsAll(MARKERS) && !keys.contains("z");
  }

  /** The rows of {@code file} (whose keys are {@code keys}), one per episode, in file order. */
  static List<SeriesEpisode> read(Path file, List<String> keys) throws IOException {
    NpzArrays f;
    try {
      f = new NpzArrays(file, Npz.read(file, KEYS::contains), keys);
    } catch (NpyFormatException e) {
      throw new EpisodeFormatException(
          e.getMessage() + " (a series file holds float arrays [episodes, T, ...], one T for all)",
          e);
    }
    String layout = "[episodes, T, Z]";
    NpyArray mu = f.require("mu", "float16/32 " + layout);
    NpyArray logvar = f.require("logvar", "float16/32 " + layout);
    NpyArray action = f.require("action", "float16/32 [episodes, T, A]");
    f.requireFloating("mu", mu);
    f.requireFloating("logvar", logvar);
    f.requireFloating("action", action);
    f.requireRank("mu", mu, 3, layout);
    int n = mu.dim(0);
    int t = mu.dim(1);
    int z = mu.dim(2);
    if (n == 0 || t < 2 || z == 0) {
      throw new EpisodeFormatException(
          file,
          "mu",
          "shape "
              + Arrays.toString(mu.shape())
              + "; expected at least 1 episode, T >= 2 frames (T-1 transitions) and Z >= 1");
    }
    expectShape(f, "logvar", logvar, n, t, z);
    if (action.rank() == 2) {
      expectShape(f, "action", action, n, t);
    } else if (action.rank() != 3) {
      f.requireRank("action", action, 3, "[episodes, T, A]");
    } else {
      expectShape(f, "action", action, n, t, action.dim(2));
    }
    int a = action.rank() == 2 ? 1 : action.dim(2);
    if (a == 0) {
      throw new EpisodeFormatException(file, "action", "has width 0; expected A >= 1");
    }
    NpyArray reward = f.optional("reward");
    if (reward != null) {
      f.requireNumeric("reward", reward);
      expectShape(f, "reward", reward, n, t);
    }
    NpyArray done = f.optional("done");
    if (done != null) {
      expectShape(f, "done", done, n, t);
    }

    float[] muFlat = mu.asFloats();
    float[] logvarFlat = logvar.asFloats();
    checkFinite(f, "mu", muFlat, mu.shape(), Float.POSITIVE_INFINITY);
    checkFinite(f, "logvar", logvarFlat, logvar.shape(), MAX_LOGVAR);
    float[] actionFlat = action.asFloats();
    float[] rewardFlat = reward == null ? null : reward.asFloats();
    boolean[] doneFlat = done == null ? null : f.flags("done", done);

    List<SeriesEpisode> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[][] muRows =
          NpzArrays.rows(Arrays.copyOfRange(muFlat, i * t * z, (i + 1) * t * z), t, z);
      float[][] lvRows =
          NpzArrays.rows(Arrays.copyOfRange(logvarFlat, i * t * z, (i + 1) * t * z), t, z);
      // Frames 0..T-1 give T-1 transitions: actions, rewards and flags 0..T-2.
      float[][] acts =
          NpzArrays.rows(Arrays.copyOfRange(actionFlat, i * t * a, (i * t + t - 1) * a), t - 1, a);
      float[] rew =
          rewardFlat == null
              ? new float[t - 1]
              : Arrays.copyOfRange(rewardFlat, i * t, i * t + t - 1);
      boolean[] term =
          doneFlat == null
              ? new boolean[t - 1]
              : Arrays.copyOfRange(doneFlat, i * t, i * t + t - 1);
      Episode mean;
      try {
        mean = new Episode(muRows, acts, rew, term, new boolean[t - 1]);
      } catch (IllegalArgumentException e) {
        throw new EpisodeFormatException(file + ": episode " + i + ": " + e.getMessage(), e);
      }
      rows.add(new SeriesEpisode(muRows, lvRows, mean));
    }
    return rows;
  }

  private static void expectShape(NpzArrays f, String key, NpyArray a, int... shape) {
    if (!Arrays.equals(a.shape(), shape)) {
      throw new EpisodeFormatException(
          f.file(),
          key,
          "shape "
              + Arrays.toString(a.shape())
              + "; expected "
              + Arrays.toString(shape)
              + " (episodes and T as in 'mu')");
    }
  }

  private static void checkFinite(NpzArrays f, String key, float[] v, int[] shape, float max) {
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i]) || v[i] > max) {
        int inner = shape[1] * shape[2];
        int[] at = {i / inner, (i % inner) / shape[2], i % shape[2]};
        throw new EpisodeFormatException(
            f.file(),
            key,
            v[i]
                + " at "
                + Arrays.toString(at)
                + "; expected finite values"
                + (max < Float.POSITIVE_INFINITY ? " <= " + max : ""));
      }
    }
  }
}
