package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class LaplaceTest {
  private final Laplace laplace = new Laplace();

  @Test
  void logPdfMatchesCommonsMath() {
    // commons-math3 takes log(exp(-|y - mu|/b) / (2b)): exact to a few ulps while the density does
    // not underflow, i.e. for |y - mu| < ~700 b; we stay within 30 b. 1e-12 relative to
    // max(1, |lp|) leaves room for the ulps of both.
    SplittableRandom rng = new SplittableRandom(21);
    for (int i = 0; i < 5000; i++) {
      double mu = rng.nextDouble(-50, 50);
      double b = Math.exp(rng.nextDouble(-7, 5));
      double y = mu + b * rng.nextDouble(-30, 30);
      double expected = new LaplaceDistribution(null, mu, b).logDensity(y);
      double got = laplace.logPdf(y, mu, b);
      assertEquals(
          expected,
          got,
          1e-12 * Math.max(1, Math.abs(expected)),
          () -> "y=" + y + " mu=" + mu + " b=" + b);
    }
  }

  @Test
  void momentsAndModeMatchCommonsMath() {
    LaplaceDistribution oracle = new LaplaceDistribution(null, -0.5, 1.7);
    assertEquals(oracle.getNumericalVariance(), laplace.variance(1.7), 1e-14);
    assertEquals(oracle.getNumericalMean(), laplace.mean(-0.5, 1.7), 0.0);
    assertEquals(-0.5, laplace.mode(-0.5, 1.7), 0.0);
  }

  @Test
  void samplesFollowTheDistribution() {
    // As for the Gaussian: a fixed seed, and p < 1e-3 happens for 1 correct seed in 1000.
    SplittableRandom rng = new SplittableRandom(22);
    double[] y = new double[50_000];
    Arrays.setAll(y, i -> laplace.sample(3, 0.25, rng));
    double p =
        new KolmogorovSmirnovTest()
            .kolmogorovSmirnovTest(new LaplaceDistribution(null, 3, 0.25), y);
    assertTrue(p > 1e-3, "p=" + p);
  }

  @Test
  void extremeUniformsGiveFiniteSymmetricSamples() {
    // nextDouble() = 0 once gave u = -1/2 and a sample of -Infinity.
    double low = laplace.sample(0, 1, constant(0.0));
    double high = laplace.sample(0, 1, constant(Math.nextDown(1.0)));
    assertThat(low).isFinite();
    assertThat(high).isFinite();
    assertEquals(-low, high, 0.0); // u = -(1/2 - 2^-54) and +(1/2 - 2^-54)
    assertEquals(53 * Math.log(2), high, 1e-12); // -log(1 - 2|u|) = -log(2^-53)
    assertEquals(0.0, laplace.sample(0, 1, constant(0.5)), 1e-15);
  }

  @Test
  void isParsedByItsId() {
    assertEquals("laplace", laplace.id());
    assertSame(Laplace.class, ComponentFamily.parse("laplace").getClass());
  }

  /** A generator whose nextDouble() is always {@code u}. */
  private static RandomGenerator constant(double u) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return u;
      }
    };
  }
}
