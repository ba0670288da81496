package org.worldmodels.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A continuous space: every array {@code x} with {@code low[i] <= x[i] <= high[i]}, read in the
 * box's {@link #shape()} (a vector {@code [D]}, or for instance a frame {@code [H, W, 3]}).
 *
 * <p>Bounds must be finite (use {@code ±Float.MAX_VALUE} for "unbounded", as Gymnasium's CartPole
 * does) so that {@link #sample} is a proper uniform draw. Bounds are flat, in row-major order of
 * the shape. The arrays are copied in and out, so a box cannot be changed after construction.
 *
 * @param low lower bounds, flat, as many as the shape holds
 * @param high upper bounds, flat, as many as the shape holds
 * @param shape the shape of an element, each axis at least 1
 */
public record Box(float[] low, float[] high, int[] shape) implements Space {

  /** Validates and copies the bounds and the shape. */
  public Box {
    if (low == null || high == null) {
      throw new IllegalArgumentException(
          "Box bounds must not be null, got low="
              + Arrays.toString(low)
              + ", high="
              + Arrays.toString(high));
    }
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          "Box low has shape ["
              + low.length
              + "] but high has shape ["
              + high.length
              + "]; they must match");
    }
    if (low.length == 0) {
      throw new IllegalArgumentException("Box must have at least one dimension, got shape [0]");
    }
    if (size(shape) != low.length) {
      throw new IllegalArgumentException(
          "Box shape "
              + Arrays.toString(shape)
              + " must have axes >= 1 and hold as many values as the bounds ("
              + low.length
              + ")");
    }
    for (int i = 0; i < low.length; i++) {
      if (!(Float.isFinite(low[i]) && Float.isFinite(high[i]) && low[i] <= high[i])) {
        throw new IllegalArgumentException(
            "Box bounds at index "
                + i
                + " must be finite with low <= high, got low="
                + low[i]
                + ", high="
                + high[i]);
      }
    }
    low = low.clone();
    high = high.clone();
    shape = shape.clone();
  }

  /** A box of vectors: shape {@code [low.length]}. */
  public Box(float[] low, float[] high) {
    this(low, high, low == null ? null : new int[] {low.length});
  }

  /**
   * The number of values {@code shape} holds; -1 if null, empty, an axis is below 1, or too many.
   */
  private static long size(int[] shape) {
    if (shape == null || shape.length == 0) {
      return -1;
    }
    long n = 1;
    for (int axis : shape) {
      if (axis < 1) {
        return -1;
      }
      n *= axis;
      if (n > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return n;
  }

  /** A box with the same bounds {@code [low, high]} in each of {@code dimension} dimensions. */
  public static Box uniform(int dimension, float low, float high) {
    if (dimension < 1) {
      throw new IllegalArgumentException("Box dimension must be >= 1, got " + dimension);
    }
    return uniform(new int[] {dimension}, low, high);
  }

  /**
   * A box of the given shape with the same bounds {@code [low, high]} everywhere, e.g. RGB frames
   * {@code uniform(new int[] {64, 64, 3}, 0, 255)}.
   *
   * @throws IllegalArgumentException if an axis is below 1 or the shape holds more than {@code
   *     Integer.MAX_VALUE} values
   */
  public static Box uniform(int[] shape, float low, float high) {
    long n = size(shape);
    if (n < 1) {
      throw new IllegalArgumentException(
          "Box shape must have axes >= 1 and at most "
              + Integer.MAX_VALUE
              + " values, got "
              + Arrays.toString(shape));
    }
    float[] lo = new float[(int) n];
    float[] hi = new float[(int) n];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi, shape);
  }

  /** A copy of the lower bounds. */
  @Override
  public float[] low() {
    return low.clone();
  }

  /** A copy of the upper bounds. */
  @Override
  public float[] high() {
    return high.clone();
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Lower bound of dimension {@code i}, without copying the array. */
  public float low(int i) {
    return low[i];
  }

  /** Upper bound of dimension {@code i}, without copying the array. */
  public float high(int i) {
    return high[i];
  }

  @Override
  public int dimension() {
    return low.length;
  }

  @Override
  public float[] sample(RandomGenerator rng) {
    float[] x = new float[low.length];
    for (int i = 0; i < x.length; i++) {
      // In double, high - low cannot overflow even for ±Float.MAX_VALUE bounds.
      double v = low[i] + ((double) high[i] - low[i]) * rng.nextDouble();
      // Rounding to float may step just outside the interval; pull it back.
      x[i] = Math.min(high[i], Math.max(low[i], (float) v));
    }
    return x;
  }

  @Override
  public boolean contains(float[] x) {
    if (x == null || x.length != low.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= low[i] && x[i] <= high[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Clips {@code x} into the box, dimension by dimension.
   *
   * @return a fresh array
   * @throws IllegalArgumentException if {@code x} has the wrong length or a NaN entry
   */
  public float[] clip(float[] x) {
    requireDimension("vector", x);
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      if (Float.isNaN(x[i])) {
        throw new IllegalArgumentException("cannot clip NaN at index " + i + " into " + this);
      }
      y[i] = Math.min(high[i], Math.max(low[i], x[i]));
    }
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b
        && Arrays.equals(shape, b.shape)
        && Arrays.equals(low, b.low)
        && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(low)) + Arrays.hashCode(high);
  }

  /**
   * The shape and bounds; a box of more than one axis (a frame's thousands of values) shows only
   * the range of its bounds, so that error messages stay one readable line.
   */
  @Override
  public String toString() {
    if (shape.length == 1) {
      return "Box(shape=["
          + low.length
          + "], low="
          + Arrays.toString(low)
          + ", high="
          + Arrays.toString(high)
          + ")";
    }
    float lowMin = low[0];
    float highMax = high[0];
    for (int i = 1; i < low.length; i++) {
      lowMin = Math.min(lowMin, low[i]);
      highMax = Math.max(highMax, high[i]);
    }
    return "Box(shape=" + Arrays.toString(shape) + ", low>=" + lowMin + ", high<=" + highMax + ")";
  }
}
