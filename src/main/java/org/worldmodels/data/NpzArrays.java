package org.worldmodels.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.worldmodels.io.NpyArray;

/**
 * Turns the arrays of an npz file into the Java arrays of an episode or series, checking dtype and
 * rank on the way; every failure is an {@link EpisodeFormatException} naming file and key.
 */
final class NpzArrays {
  private final Path file;
  private final Map<String, NpyArray> arrays;
  private final List<String> allKeys;

  /**
   * @param arrays the arrays read (only the keys of interest)
   * @param allKeys every key of the file, for messages about a missing one
   */
  NpzArrays(Path file, Map<String, NpyArray> arrays, List<String> allKeys) {
    this.file = file;
    this.arrays = arrays;
    this.allKeys = List.copyOf(allKeys);
  }

  Path file() {
    return file;
  }

  /** The array of {@code key}, or an error saying what the file should have held. */
  NpyArray require(String key, String expected) {
    NpyArray a = arrays.get(key);
    if (a == null) {
      throw new EpisodeFormatException(
          file, key, "missing; expected " + expected + ", found keys " + allKeys);
    }
    return a;
  }

  /** The array of {@code key}, or null if the file has none. */
  NpyArray optional(String key) {
    return arrays.get(key);
  }

  /** Refuses anything but float16/32/64. */
  void requireFloating(String key, NpyArray a) {
    if (!a.isFloating()) {
      throw new EpisodeFormatException(
          file, key, "dtype " + dtypeName(a) + "; expected float16/32/64");
    }
  }

  /** Refuses bool arrays where numbers are due; integers and floats are fine. */
  void requireNumeric(String key, NpyArray a) {
    if (a.dtype() == NpyArray.DType.BOOL) {
      throw new EpisodeFormatException(file, key, "dtype bool; expected float32");
    }
  }

  /** Refuses any rank but {@code rank}; {@code layout} names the axes, e.g. "[T, A]". */
  void requireRank(String key, NpyArray a, int rank, String layout) {
    if (a.rank() != rank) {
      throw new EpisodeFormatException(
          file,
          key,
          "shape " + Arrays.toString(a.shape()) + "; expected " + layout + " (rank " + rank + ")");
    }
  }

  /**
   * The values as booleans: bool arrays as they are, numbers only if each is 0 or 1 (tools that
   * write done flags as 0/1 integers or floats are common).
   */
  boolean[] flags(String key, NpyArray a) {
    if (a.dtype() == NpyArray.DType.BOOL) {
      return a.asBooleans();
    }
    boolean[] out = new boolean[a.size()];
    for (int i = 0; i < out.length; i++) {
      double v = a.element(i);
      if (v != 0 && v != 1) {
        throw new EpisodeFormatException(
            file,
            key,
            "value "
                + v
                + " at flat index "
                + i
                + " (dtype "
                + dtypeName(a)
                + "); expected bool or 0/1");
      }
      out[i] = v == 1;
    }
    return out;
  }

  /**
   * Frames: a uint8 array of shape [N, H, W, 3], kept as bytes (no copy).
   *
   * @throws EpisodeFormatException naming the key for any other dtype or shape
   */
  Frames frames(String key, NpyArray a) {
    if (a.dtype() != NpyArray.DType.UINT8) {
      throw new EpisodeFormatException(file, key, "dtype " + dtypeName(a) + "; expected uint8");
    }
    if (a.rank() != 4 || a.dim(3) != Frames.CHANNELS || a.dim(0) < 1) {
      throw new EpisodeFormatException(
          file,
          key,
          "shape " + Arrays.toString(a.shape()) + "; expected [T+1, H, W, 3] (RGB, T+1 >= 1)");
    }
    try {
      return new Frames((byte[]) a.data(), a.dim(0), a.dim(1), a.dim(2));
    } catch (IllegalArgumentException e) {
      throw new EpisodeFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** A rank-2 array as rows. */
  static float[][] rows(float[] flat, int rows, int cols) {
    float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
    }
    return out;
  }

  /** numpy's name for the dtype of {@code a}, e.g. {@code float32}. */
  static String dtypeName(NpyArray a) {
    return a.dtype().name().toLowerCase(Locale.ROOT);
  }
}
