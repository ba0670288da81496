package org.worldmodels.mdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class GaussianTest {
  private final Gaussian gaussian = new Gaussian();

  @Test
  void logPdfMatchesCommonsMath() {
    // Both evaluate -u^2/2 - log(sigma) - log(2 pi)/2 with u = (y - mu)/sigma, in a different
    // order: they differ by a few ulps of the largest term, hence 1e-12 relative to max(1, |lp|).
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 5000; i++) {
      double mu = rng.nextDouble(-50, 50);
      double sigma = Math.exp(rng.nextDouble(-7, 5));
      double y = mu + sigma * rng.nextDouble(-30, 30);
      double expected = new NormalDistribution(null, mu, sigma).logDensity(y);
      double got = gaussian.logPdf(y, mu, sigma);
      assertEquals(
          expected,
          got,
          1e-12 * Math.max(1, Math.abs(expected)),
          () -> "y=" + y + " mu=" + mu + " sigma=" + sigma);
    }
  }

  @Test
  void momentsAndModeMatchCommonsMath() {
    NormalDistribution oracle = new NormalDistribution(null, 1.5, 0.3);
    assertEquals(oracle.getNumericalVariance(), gaussian.variance(0.3), 1e-15);
    assertEquals(oracle.getNumericalMean(), gaussian.mean(1.5, 0.3), 0.0);
    assertEquals(1.5, gaussian.mode(1.5, 0.3), 0.0);
  }

  @Test
  void samplesFollowTheDistribution() {
    // Kolmogorov-Smirnov against the exact CDF; with a fixed seed the p-value is a fixed number,
    // and a correct sampler gives p < 1e-3 for only 1 seed in 1000. A sampler off by 2% in
    // scale gives p ~ 1e-9 at this n.
    SplittableRandom rng = new SplittableRandom(12);
    double[] y = new double[50_000];
    Arrays.setAll(y, i -> gaussian.sample(-2, 0.5, rng));
    double p =
        new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(null, -2, 0.5), y);
    assertTrue(p > 1e-3, "p=" + p);
  }

  @Test
  void isParsedByItsId() {
    assertEquals("gaussian", gaussian.id());
    assertSame(Gaussian.class, ComponentFamily.parse("gaussian").getClass());
  }
}
