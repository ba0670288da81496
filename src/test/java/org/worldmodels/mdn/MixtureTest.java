package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureTest {
  private static final Gaussian GAUSSIAN = new Gaussian();
  private static final Laplace LAPLACE = new Laplace();
  private static final double NEG_INF = Double.NEGATIVE_INFINITY;

  private static Mixture gaussian(double[] logits, double[] mu, double[] sigma) {
    return Mixture.of(GAUSSIAN, logits, mu, sigma);
  }

  @Test
  void refusesBadParametersNamingTheEntry() {
    double[] ok = {0, 1};
    double[] one = {1, 1};
    assertThatThrownBy(() -> gaussian(new double[] {0}, ok, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length")
        .hasMessageContaining("1, 2, 2");
    assertThatThrownBy(() -> gaussian(new double[0], new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("K >= 1");
    assertThatThrownBy(() -> gaussian(ok, ok, new double[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigma[1]")
        .hasMessageContaining("> 0, got 0.0");
    assertThatThrownBy(() -> gaussian(ok, ok, new double[] {-2, 1}))
        .hasMessageContaining("sigma[0]")
        .hasMessageContaining("-2.0");
    assertThatThrownBy(() -> gaussian(ok, ok, new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("sigma[1]")
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> gaussian(ok, ok, new double[] {Double.NaN, 1}))
        .hasMessageContaining("sigma[0]")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> gaussian(ok, new double[] {0, Double.NaN}, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mu[1] must be finite, got NaN");
    assertThatThrownBy(() -> gaussian(new double[] {Double.NaN, 0}, ok, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logit[0]")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> gaussian(new double[] {0, Double.POSITIVE_INFINITY}, ok, one))
        .hasMessageContaining("logit[1]")
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> gaussian(new double[] {NEG_INF, NEG_INF}, ok, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one logit must be finite");
    assertThatThrownBy(() -> Mixture.of(null, ok, ok, one))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void copiesItsInputsAndOutputs() {
    double[] logits = {0, 1};
    double[] mu = {-1, 1};
    double[] sigma = {1, 2};
    Mixture m = gaussian(logits, mu, sigma);
    double before = m.logDensity(0.3);
    logits[0] = 5;
    mu[0] = 7;
    sigma[0] = 9;
    m.logits()[1] = 5;
    m.mu()[1] = 5;
    m.sigma()[1] = 5;
    assertEquals(before, m.logDensity(0.3), 0.0);
    assertArrayEquals(new double[] {0, 1}, m.logits(), 0.0);
    assertArrayEquals(new double[] {-1, 1}, m.mu(), 0.0);
    assertArrayEquals(new double[] {1, 2}, m.sigma(), 0.0);
    assertEquals(2, m.size());
    assertSame(GAUSSIAN, m.family());
  }

  @Test
  void logDensityMatchesAWeightedSumOfCommonsMathDensities() {
    // Both sides sum K positive terms, each to a few ulps; the log turns a relative density
    // error into an absolute one, so 1e-12 in log density is 1e-12 relative in density.
    SplittableRandom rng = new SplittableRandom(31);
    for (ComponentFamily family : ComponentFamily.BUILT_IN) {
      for (int trial = 0; trial < 200; trial++) {
        Mixture m = MixtureFixtures.random(family, rng, 6);
        for (int i = 0; i < 20; i++) {
          // Within 8 scales of some component, so that the product-space oracle does not
          // underflow (it does at 55 scales: the reason the code works in log space).
          int k = rng.nextInt(m.size());
          double y = m.mu()[k] + m.sigma()[k] * rng.nextDouble(-8, 8);
          double expected = Math.log(MixtureFixtures.oracleDensity(m, y));
          assertEquals(expected, m.logDensity(y), 1e-12, () -> m + " at y=" + y);
          assertEquals(Math.exp(expected), m.density(y), 1e-12 * Math.exp(expected));
        }
      }
    }
  }

  @Test
  void extremeLogitsStayFinite() {
    // Weights {1, 0, e^-1000}: in product space e^1000 overflows and the density is NaN.
    Mixture m =
        gaussian(new double[] {1000, -1000, 0}, new double[] {0, 1, 2}, new double[] {1, 1, 1});
    assertArrayEquals(new double[] {1, 0, 0}, m.weights(), 0.0);
    assertArrayEquals(new double[] {0, -2000, -1000}, m.logWeights(), 0.0);
    for (double y = -5; y <= 5; y += 0.5) {
      double lp = m.logDensity(y);
      assertThat(lp).isFinite();
      assertEquals(GAUSSIAN.logPdf(y, 0, 1), lp, 0.0, "y=" + y);
    }
    assertEquals(1.0, MixtureFixtures.integrate(m, m::density), 1e-6);
  }

  @Test
  void onlyDifferencesOfLogitsMatter() {
    double[] mu = {-1, 0.5, 2};
    double[] sigma = {0.5, 1, 0.3};
    Mixture a = gaussian(new double[] {0.2, -0.3, 1.0}, mu, sigma);
    Mixture b = gaussian(new double[] {-999.8, -1000.3, -999.0}, mu, sigma);
    // Shifting by 1000 rounds each logit to the ulp of 1000 (1.1e-13): the log weights move by
    // that much, and so may the log density.
    for (double y = -3; y <= 3; y += 0.25) {
      assertEquals(a.logDensity(y), b.logDensity(y), 1e-12, "y=" + y);
    }
  }

  @Test
  void aComponentOfLogitMinusInfinityHasNoWeight() {
    Mixture m = gaussian(new double[] {NEG_INF, 0}, new double[] {100, 0}, new double[] {1, 1});
    assertArrayEquals(new double[] {0, 1}, m.weights(), 0.0);
    assertEquals(GAUSSIAN.logPdf(100, 0, 1), m.logDensity(100), 0.0);
    assertEquals(0.0, m.mean(), 0.0);
    assertEquals(1.0, m.variance(), 0.0);
    assertEquals(1, m.heaviestComponent());
  }

  @Test
  void densityIntegratesToOne() {
    // Quadrature error ~1e-9 (see MixtureFixtures.integrate), tails beyond 40 scales < e^-40:
    // 1e-6 is what the brief asks, with room.
    SplittableRandom rng = new SplittableRandom(32);
    for (ComponentFamily family : new ComponentFamily[] {GAUSSIAN, LAPLACE, new Gumbel()}) {
      for (int trial = 0; trial < 10; trial++) {
        Mixture m = MixtureFixtures.random(family, rng, 5);
        assertEquals(1.0, MixtureFixtures.integrate(m, m::density), 1e-6, m::toString);
      }
    }
  }

  @Test
  void meanAndVarianceMatchNumericalIntegration() {
    // Same quadrature. The mean is compared on the scale of the spread (it may be ~0), the
    // variance relatively; both to 1e-6. The Gumbel family's mean is not its location, so
    // using mu instead of family.mean would be off by 0.58 b per component.
    SplittableRandom rng = new SplittableRandom(33);
    for (ComponentFamily family : new ComponentFamily[] {GAUSSIAN, LAPLACE, new Gumbel()}) {
      for (int trial = 0; trial < 10; trial++) {
        Mixture m = MixtureFixtures.random(family, rng, 5);
        double mean = MixtureFixtures.integrate(m, y -> y * m.density(y));
        double var = MixtureFixtures.integrate(m, y -> (y - mean) * (y - mean) * m.density(y));
        assertEquals(mean, m.mean(), 1e-6 * Math.sqrt(var), m::toString);
        assertEquals(var, m.variance(), 1e-6 * var, m::toString);
      }
    }
  }

  @Test
  void momentsOfASimpleCase() {
    // Two unit Gaussians at 0 and 1 with equal weight: mean 1/2, variance 1 + 1/4.
    Mixture m = gaussian(new double[] {3, 3}, new double[] {0, 1}, new double[] {1, 1});
    assertEquals(0.5, m.mean(), 1e-15);
    assertEquals(1.25, m.variance(), 1e-15);
    // A Laplace component of scale b has variance 2 b^2.
    Mixture l = Mixture.of(LAPLACE, new double[] {0}, new double[] {4}, new double[] {3});
    assertEquals(4.0, l.mean(), 0.0);
    assertEquals(18.0, l.variance(), 1e-14);
  }

  @Test
  void temperingDividesLogitsAndScalesSigmaBySqrtTau() {
    double[] logits = {0.5, -1, 2};
    double[] mu = {-1, 0, 1};
    double[] sigma = {0.3, 1, 2};
    Mixture m = gaussian(logits, mu, sigma);
    Temperature t = new Temperature(0.4, 2.25);
    Mixture hot = m.tempered(t);
    assertArrayEquals(MixtureFixtures.naiveSoftmax(logits, 0.4), hot.weights(), 1e-15);
    assertArrayEquals(new double[] {0.45, 1.5, 3}, hot.sigma(), 1e-15);
    assertArrayEquals(mu, hot.mu(), 0.0);
    assertEquals(0.0, java.util.Arrays.stream(hot.logits()).max().orElseThrow(), 0.0);
    assertSame(GAUSSIAN, hot.family());
    assertSame(m, m.tempered(Temperature.ONE));
    // Weight temperature 1 keeps the weights, scale temperature 1 the scales.
    assertArrayEquals(m.weights(), m.tempered(new Temperature(1, 3)).weights(), 1e-16);
    assertArrayEquals(sigma, m.tempered(new Temperature(3, 1)).sigma(), 0.0);
  }

  @Test
  void aTinyWeightTemperatureDoesNotOverflow() {
    // 2 / 1e-300 overflows; (logit - max) / tau does not, and the heaviest gets all the weight.
    Mixture m =
        gaussian(new double[] {2, 1, 2 - 1e-12}, new double[] {0, 1, 2}, new double[] {1, 1, 1});
    Mixture cold = m.tempered(new Temperature(1e-300, 1));
    assertArrayEquals(new double[] {1, 0, 0}, cold.weights(), 0.0);
    assertThat(cold.logDensity(0)).isFinite();
  }

  @Test
  void heaviestComponentIsTheLargestLogitFirstOnTies() {
    double[] mu = {0, 0, 0, 0};
    double[] sigma = {1, 1, 1, 1};
    assertEquals(2, gaussian(new double[] {0, 1, 3, 2}, mu, sigma).heaviestComponent());
    assertEquals(1, gaussian(new double[] {0, 3, 3, 2}, mu, sigma).heaviestComponent());
    assertEquals(0, gaussian(new double[] {5, NEG_INF, 3, 2}, mu, sigma).heaviestComponent());
  }

  @Test
  void toStringNamesFamilyAndParameters() {
    assertThat(gaussian(new double[] {0.5}, new double[] {1.5}, new double[] {2.5}).toString())
        .contains("gaussian")
        .contains("0.5")
        .contains("1.5")
        .contains("2.5");
  }
}
