package org.worldmodels.util;

/**
 * Argument checks that throw {@link IllegalArgumentException} naming the value and what is
 * accepted. Used in record compact constructors and at every boundary where a user hands us a
 * value.
 */
public final class Check {
  private Check() {}

  /** Returns {@code v} if it is finite and strictly positive. */
  public static double positiveFinite(String name, double v) {
    if (!(v > 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it is finite and {@code >= 0}. */
  public static double nonNegativeFinite(String name, double v) {
    if (!(v >= 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it is finite. */
  public static double finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it lies in {@code [lo, hi]}. */
  public static int inRange(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it lies in {@code [lo, hi]}. */
  public static long inRange(String name, long v, long lo, long hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it lies in {@code [lo, hi]} (and is not NaN). */
  public static double inRange(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
    return v;
  }

  /** Returns {@code v} if it is at least 1. */
  public static int positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
    return v;
  }

  /** Throws with {@code message} unless {@code condition} holds. */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Throws {@link IllegalStateException} with {@code message} unless {@code condition} holds. */
  public static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
