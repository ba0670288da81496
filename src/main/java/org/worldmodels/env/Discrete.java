package org.worldmodels.env;

import java.util.random.RandomGenerator;

/**
 * A finite set of {@code n} actions numbered {@code 0..n-1}, carried as one-hot float vectors of
 * length {@code n} (so {@link #dimension()} is {@code n}, not 1).
 *
 * <pre>{@code
 * Discrete d = new Discrete(2);
 * d.oneHot(1);                     // [0.0, 1.0]
 * d.index(new float[] {0.2f, 0.7f}); // 1 (argmax, so scores work as well as one-hots)
 * }</pre>
 *
 * @param n number of actions, at least 1
 */
public record Discrete(int n) implements Space {

  /** Validates {@code n}. */
  public Discrete {
    if (n < 1) {
      throw new IllegalArgumentException("Discrete n must be >= 1, got " + n);
    }
  }

  @Override
  public int dimension() {
    return n;
  }

  /** {@code [n]}: an action is carried as a one-hot vector. */
  @Override
  public int[] shape() {
    return new int[] {n};
  }

  @Override
  public float[] sample(RandomGenerator rng) {
    return oneHot(rng.nextInt(n));
  }

  /** Whether {@code x} has length {@code n}, one entry 1 and all others 0. */
  @Override
  public boolean contains(float[] x) {
    if (x == null || x.length != n) {
      return false;
    }
    int ones = 0;
    for (float v : x) {
      if (v == 1f) {
        ones++;
      } else if (v != 0f) {
        return false;
      }
    }
    return ones == 1;
  }

  /**
   * The one-hot vector of action {@code action}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= action < n}
   */
  public float[] oneHot(int action) {
    if (action < 0 || action >= n) {
      throw new IllegalArgumentException(
          "action must be in [0, " + (n - 1) + "] for " + this + ", got " + action);
    }
    float[] x = new float[n];
    x[action] = 1f;
    return x;
  }

  /**
   * The action number a vector stands for: the index of its largest entry (the first one on a tie,
   * as numpy's argmax). A one-hot vector gives its hot index.
   *
   * @throws IllegalArgumentException if the length is not {@code n} or an entry is NaN
   */
  public int index(float[] x) {
    requireDimension("action", x);
    int best = 0;
    for (int i = 0; i < n; i++) {
      if (Float.isNaN(x[i])) {
        throw new IllegalArgumentException("action has NaN at index " + i + " for " + this);
      }
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "Discrete(" + n + ")";
  }
}
