package org.worldmodels.mdn;

/**
 * {@code exp(x)} for {@code x <= 0}, to a relative error below {@code 1e-8}: the unnormalised
 * mixture weights {@code exp((logit - max) / tau)} that sampling picks a component from.
 *
 * <p>Why not {@link Math#exp}: it is a call into a stub that the compiler neither inlines nor
 * overlaps with the loop around it, and a dream step takes 5 of them per latent dimension (160 per
 * row at World Models shapes). Inlined, this polynomial sampled a row in 1.70 us instead of 2.07
 * (one core of the development machine, with the branch-free component pick of the dream). A weight
 * only decides which component a uniform falls into, so an error of {@code 1e-8} moves the pick for
 * about one draw in {@code 10^8}; the same code runs for every backend. Scales and densities keep
 * {@code Math.exp}.
 *
 * <p>{@link #expInPlace} computes the same bits for a whole array, split into two loops so that the
 * compiler vectorises the polynomial: a row's 160 weights at World Models' shapes took 0.35 instead
 * of 0.62 us with AVX2 (0.25 with AVX-512).
 */
public final class WeightExp {
  private static final double LOG2_E = 1.4426950408889634;
  private static final double LN2_HI = 0.6931471803691238; // 0x3fe62e42fee00000: k * LN2_HI exact
  private static final double LN2_LO = 1.9082149292705877e-10;

  /** Below this the result is 0 (the true value is below 3.3e-308, about the smallest normal). */
  static final double UNDERFLOW = -708.0;

  private WeightExp() {}

  /** {@code exp(x)} for {@code x <= 0} (also {@code -Infinity}); NaN gives NaN. */
  public static double exp(double x) {
    if (!(x >= UNDERFLOW)) {
      return x != x ? x : 0;
    }
    double k = Math.rint(x * LOG2_E);
    return polynomial(x, k) * twoTo(k);
  }

  /**
   * Replaces {@code x[0..n)} by their {@link #exp}, the same bits, with {@code polynomials} and
   * {@code exponents} (at least {@code n} long each) as working space.
   */
  public static void expInPlace(double[] x, int n, double[] polynomials, double[] exponents) {
    // No branch, no call the compiler cannot vectorise, no conversion: this loop is most of the
    // work and runs on vector registers. Out-of-range inputs give garbage here, replaced below.
    for (int i = 0; i < n; i++) {
      double k = Math.rint(x[i] * LOG2_E);
      polynomials[i] = polynomial(x[i], k);
      exponents[i] = k;
    }
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      x[i] = !(xi >= UNDERFLOW) ? (xi != xi ? xi : 0) : polynomials[i] * twoTo(exponents[i]);
    }
  }

  /** {@code exp(r)} for {@code x = k ln 2 + r}, {@code |r| <= ln 2 / 2}. */
  private static double polynomial(double x, double k) {
    double r = (x - k * LN2_HI) - k * LN2_LO;
    // Taylor to r^8 / 8!: the first term left out is below 1.3e-10 relative for |r| <= 0.347.
    return 1
        + r
            * (1
                + r
                    * (1 / 2.0
                        + r
                            * (1 / 6.0
                                + r
                                    * (1 / 24.0
                                        + r
                                            * (1 / 120.0
                                                + r
                                                    * (1 / 720.0
                                                        + r
                                                            * (1 / 5040.0
                                                                + r * (1 / 40320.0))))))));
  }

  /** {@code 2^k} for an integral {@code k} in {@code [-1022, 0]}. */
  private static double twoTo(double k) {
    return Double.longBitsToDouble(((long) k + 1023) << 52);
  }
}
