package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * mode() against brute force: an independent product-space density on a grid of 10^6 + 1 points
 * over the hull of the component modes (every mode of a mixture of unimodal components lies there:
 * outside it all components fall the same way), then a local refinement of the grid's best point.
 */
class MixtureModeTest {
  private static final Gaussian GAUSSIAN = new Gaussian();
  private static final Laplace LAPLACE = new Laplace();
  private static final Gumbel GUMBEL = new Gumbel();
  private static final int BRUTE_FORCE_POINTS = 1_000_001;

  /**
   * {@code sum_k pi_k p_k(x)} written out per family, sharing nothing with the main code but the
   * formulas of the densities.
   */
  private static DoubleUnaryOperator oracleDensity(Mixture m) {
    double[] w = MixtureFixtures.naiveSoftmax(m.logits(), 1);
    double[] mu = m.mu();
    double[] s = m.sigma();
    String id = m.family().id();
    return x -> {
      double p = 0;
      for (int k = 0; k < w.length; k++) {
        double z = (x - mu[k]) / s[k];
        p +=
            switch (id) {
              case "gaussian" -> w[k] * Math.exp(-0.5 * z * z) / (s[k] * Math.sqrt(2 * Math.PI));
              case "laplace" -> w[k] * Math.exp(-Math.abs(z)) / (2 * s[k]);
              default -> w[k] * Math.exp(-(z + Math.exp(-z))) / s[k]; // Gumbel
            };
      }
      return p;
    };
  }

  /** The brute-force argmax and the highest density seen on the grid. */
  private record BruteForce(double x, double maxDensity) {}

  private static BruteForce bruteForce(Mixture m) {
    DoubleUnaryOperator p = oracleDensity(m);
    double lo = java.util.Arrays.stream(m.mu()).min().orElseThrow();
    double hi = java.util.Arrays.stream(m.mu()).max().orElseThrow();
    if (lo == hi) {
      return new BruteForce(lo, p.applyAsDouble(lo));
    }
    double h = (hi - lo) / (BRUTE_FORCE_POINTS - 1);
    int best = 0;
    double bestP = -1;
    for (int i = 0; i < BRUTE_FORCE_POINTS; i++) {
      double v = p.applyAsDouble(lo + i * h);
      if (v > bestP) {
        bestP = v;
        best = i;
      }
    }
    double x = lo + best * h;
    // Refine by golden-section search on the oracle within the grid neighbours; 80 steps shrink
    // 2h (~1e-5) below rounding.
    double a = Math.max(lo, x - h);
    double b = Math.min(hi, x + h);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 80; i++) {
      double c = b - g * (b - a);
      double d = a + g * (b - a);
      if (p.applyAsDouble(c) >= p.applyAsDouble(d)) {
        b = d;
      } else {
        a = c;
      }
    }
    double refined = 0.5 * (a + b);
    if (p.applyAsDouble(refined) >= bestP) {
      x = refined;
    }
    // A Laplace mixture is convex between its kinks: its mode is exactly one of the mu_k.
    if (m.family() instanceof Laplace) {
      for (double mu : m.mu()) {
        if (p.applyAsDouble(mu) > p.applyAsDouble(x)) {
          x = mu;
        }
      }
    }
    return new BruteForce(x, bestP);
  }

  private static void assertModeMatchesBruteForce(Mixture m) {
    BruteForce bf = bruteForce(m);
    double mode = m.mode();
    double pMode = oracleDensity(m).applyAsDouble(mode);
    // At least as high as every one of the 10^6 grid points, up to the rounding of the two
    // density evaluations (a few ulps): 1e-12 relative.
    assertTrue(
        pMode >= bf.maxDensity() * (1 - 1e-12),
        () -> m + ": p(mode " + mode + ") = " + pMode + " < grid max " + bf.maxDensity());
    // And at the same place. Locations are O(1) and scales >= 0.1: 1e-6 absolute is 1e-5 of the
    // smallest scale. Both searches resolve a smooth peak to ~sqrt(1e-16) = 1e-8 scales.
    assertEquals(bf.x(), mode, 1e-6, m::toString);
  }

  @Test
  void randomGaussianMixtures() {
    SplittableRandom rng = new SplittableRandom(51);
    for (int trial = 0; trial < 30; trial++) {
      assertModeMatchesBruteForce(MixtureFixtures.random(GAUSSIAN, rng, 6));
    }
  }

  @Test
  void randomLaplaceMixturesPeakAtAComponentLocation() {
    SplittableRandom rng = new SplittableRandom(52);
    for (int trial = 0; trial < 30; trial++) {
      Mixture m = MixtureFixtures.random(LAPLACE, rng, 6);
      assertModeMatchesBruteForce(m);
      double mode = m.mode();
      assertThat(m.mu()).as(m.toString()).contains(mode);
    }
  }

  @Test
  void randomMixturesOfASkewedFamily() {
    // Generic over families: Gumbel components peak at mu but are not symmetric about it.
    SplittableRandom rng = new SplittableRandom(53);
    for (int trial = 0; trial < 15; trial++) {
      assertModeMatchesBruteForce(MixtureFixtures.random(GUMBEL, rng, 5));
    }
  }

  @Test
  void overlappingComponentsPeakBetweenTheirMeans() {
    // Weights 0.6 and 0.4 on unit Gaussians 1.5 apart: one merged peak, well off the heaviest
    // component's mean. The exact mode is the root of the derivative
    // 0.6 phi(x) (0 - x) + 0.4 phi(x - 1.5) (1.5 - x), found by bisection to ~1e-16.
    Mixture m =
        Mixture.of(
            GAUSSIAN,
            new double[] {Math.log(0.6), Math.log(0.4)},
            new double[] {0, 1.5},
            new double[] {1, 1});
    double exact =
        bisect(
            x ->
                -0.6 * Math.exp(-x * x / 2) * x
                    + 0.4 * Math.exp(-(x - 1.5) * (x - 1.5) / 2) * (1.5 - x),
            0,
            1.5);
    double mode = m.mode();
    assertEquals(exact, mode, 1e-8);
    assertEquals(0, m.heaviestComponent());
    assertThat(mode - m.mu()[0]).as("distance from the heaviest mean").isGreaterThan(0.3);
    assertModeMatchesBruteForce(m);
  }

  @Test
  void aNarrowLightComponentCanHoldTheMode() {
    // Weight 0.3 with sigma 0.1 peaks at 1.2; weight 0.7 with sigma 3 peaks at 0.093.
    Mixture m =
        Mixture.of(
            GAUSSIAN,
            new double[] {Math.log(0.7), Math.log(0.3)},
            new double[] {0, 5},
            new double[] {3, 0.1});
    assertEquals(0, m.heaviestComponent());
    assertEquals(5, m.mode(), 0.01); // pulled a little towards the wide component
    assertModeMatchesBruteForce(m);
  }

  @Test
  void aLaplacePeakCanBeALighterComponentsLocation() {
    // p(0) = 0.2 + 0.15 e^-2 + 0.15 e^-2.5 = 0.233 but p(2) = 0.2 e^-2 + 0.15 + 0.15 e^-0.5 =
    // 0.268.
    Mixture m =
        Mixture.of(
            LAPLACE,
            new double[] {Math.log(0.4), Math.log(0.3), Math.log(0.3)},
            new double[] {0, 2, 2.5},
            new double[] {1, 1, 1});
    assertEquals(0, m.heaviestComponent());
    assertEquals(2.0, m.mode(), 0.0);
  }

  @Test
  void aSpikeFinerThanTheGridIsFound() {
    // The search range is +-6000 and the grid step 12, 12000 times the spike's width: only the
    // component-mode candidates can see it. Spike peak 0.01/(0.001 sqrt(2 pi)) = 4, wide 4e-4.
    Mixture m =
        Mixture.of(
            GAUSSIAN,
            new double[] {Math.log(0.99), Math.log(0.01)},
            new double[] {0, 500},
            new double[] {1000, 1e-3});
    assertEquals(500, m.mode(), 1e-6);
  }

  @Test
  void symmetricMixtures() {
    // Components at +-0.5 merge into one peak at 0 (log-density curvature -0.75 there).
    Mixture merged =
        Mixture.of(GAUSSIAN, new double[] {0, 0}, new double[] {-0.5, 0.5}, new double[] {1, 1});
    assertEquals(0, merged.mode(), 1e-7);
    // At +-2 there are two equal peaks at +-x*, x* the positive root of x = 2 tanh(2x).
    Mixture split =
        Mixture.of(GAUSSIAN, new double[] {0, 0}, new double[] {-2, 2}, new double[] {1, 1});
    double x = bisect(t -> 2 * Math.tanh(2 * t) - t, 1, 3);
    assertEquals(x, Math.abs(split.mode()), 1e-8);
  }

  @Test
  void aSingleComponentPeaksExactlyAtItsMode() {
    for (ComponentFamily f : new ComponentFamily[] {GAUSSIAN, LAPLACE, GUMBEL}) {
      Mixture m = Mixture.of(f, new double[] {0.3}, new double[] {1.7}, new double[] {0.4});
      assertEquals(1.7, m.mode(), 0.0, f.id());
    }
    // Even when sigma is below the spacing of doubles at mu and the search range is one point.
    Mixture tiny =
        Mixture.of(GAUSSIAN, new double[] {0}, new double[] {1e10}, new double[] {1e-12});
    assertEquals(1e10, tiny.mode(), 0.0);
  }

  @Test
  void componentsOfZeroWeightAreIgnored() {
    Mixture m =
        Mixture.of(
            GAUSSIAN,
            new double[] {0, Double.NEGATIVE_INFINITY},
            new double[] {0.25, 1e6},
            new double[] {1, 1e-3});
    assertEquals(0.25, m.mode(), 0.0);
  }

  @Test
  void localMaximaOfAGridHighestFirst() {
    double ninf = Double.NEGATIVE_INFINITY;
    assertArrayEquals(
        new int[] {5, 0, 2},
        MixtureMode.highestLocalMaxima(new double[] {3, 1, 2, 0, 1, 4, ninf}, 5));
    assertArrayEquals(
        new int[] {5}, MixtureMode.highestLocalMaxima(new double[] {3, 1, 2, 0, 1, 4}, 1));
    // A plateau: each of its points counts; the end point counts with its one neighbour.
    assertArrayEquals(
        new int[] {1, 2, 4}, MixtureMode.highestLocalMaxima(new double[] {0, 2, 2, 1, 1.5}, 5));
    assertArrayEquals(new int[] {}, MixtureMode.highestLocalMaxima(new double[] {ninf, ninf}, 3));
  }

  /** The root of a function that changes sign on [a, b], to the last bit. */
  private static double bisect(DoubleUnaryOperator f, double a, double b) {
    double fa = f.applyAsDouble(a);
    assertTrue(fa * f.applyAsDouble(b) < 0, "no sign change");
    for (int i = 0; i < 200; i++) {
      double c = 0.5 * (a + b);
      if (c == a || c == b) {
        break;
      }
      double fc = f.applyAsDouble(c);
      if ((fc > 0) == (fa > 0)) {
        a = c;
        fa = fc;
      } else {
        b = c;
      }
    }
    return 0.5 * (a + b);
  }
}
