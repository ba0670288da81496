package org.worldmodels.mdn;

import java.util.SplittableRandom;

/**
 * Bishop's (1994) toy problem: {@code x ~ U(0, 1)}, {@code t = x + 0.3 sin(2 pi x) + U(-0.1, 0.1)}.
 * The forward map {@code t(x)} is single-valued; the inverse {@code p(x | t)} has up to three
 * branches for {@code t} in the middle, where least squares returns their average.
 */
public final class InvertedSine {
  /** Half-width of the uniform noise on {@code t}. */
  public static final double NOISE = 0.1;

  private InvertedSine() {}

  /** The noise-free forward map {@code x + 0.3 sin(2 pi x)}. */
  public static double curve(double x) {
    return x + 0.3 * Math.sin(2 * Math.PI * x);
  }

  /**
   * {@code n} samples, drawn in a fixed order from a stream seeded by {@code seed}.
   *
   * @return {@code {x, t}}, each of length {@code n}
   */
  public static double[][] sample(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble();
      t[i] = curve(x[i]) + (2 * rng.nextDouble() - 1) * NOISE;
    }
    return new double[][] {x, t};
  }

  /**
   * Whether {@code x} explains {@code t}: {@code 0 <= x <= 1} and {@code |curve(x) - t| <= tol}.
   */
  public static boolean consistent(double x, double t, double tol) {
    return x >= 0 && x <= 1 && Math.abs(curve(x) - t) <= tol;
  }
}
