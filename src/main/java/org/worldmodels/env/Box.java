package org.worldmodels.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A continuous space: every vector {@code x} with {@code low[i] <= x[i] <= high[i]}.
 *
 * <p>Bounds must be finite (use {@code ±Float.MAX_VALUE} for "unbounded", as Gymnasium's CartPole
 * does) so that {@link #sample} is a proper uniform draw. The arrays are copied in and out, so a
 * box cannot be changed after construction.
 *
 * @param low lower bounds, shape [D]
 * @param high upper bounds, shape [D]
 */
public record Box(float[] low, float[] high) implements Space {

  /** Validates and copies the bounds. */
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
  }

  /** A box with the same bounds {@code [low, high]} in each of {@code dimension} dimensions. */
  public static Box uniform(int dimension, float low, float high) {
    if (dimension < 1) {
      throw new IllegalArgumentException("Box dimension must be >= 1, got " + dimension);
    }
    float[] lo = new float[dimension];
    float[] hi = new float[dimension];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi);
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
    return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(shape=["
        + low.length
        + "], low="
        + Arrays.toString(low)
        + ", high="
        + Arrays.toString(high)
        + ")";
  }
}
