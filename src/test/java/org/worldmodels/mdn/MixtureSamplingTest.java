package org.worldmodels.mdn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling statistics. Every generator is seeded, so each test is deterministic; the bounds are a
 * few standard errors of the statistic at the test's sample size, so a correct sampler passes for
 * nearly every seed (4 SE: two-sided ~6e-5 per check under a normal approximation) while a sampler
 * with a real error fails (n = 200,000 resolves a weight to ~0.001).
 */
class MixtureSamplingTest {
  private static final double[] LOGITS = {0.3, -0.4, 1.1, 0.0};

  /** Means 100 apart, scales at most 2 (at most 2.8 once tempered): classes never mix. */
  private static final double[] SEPARATED_MU = {0, 100, 200, 300};

  private static final double[] SIGMA = {1, 2, 0.5, 1.5};

  private static ComponentFamily family(String id) {
    return ComponentFamily.parse(id);
  }

  /**
   * Kurtosis {@code E[(y - mu)^4] / sigma^4} of a component: the relative standard error of a
   * sample standard deviation from n draws is about {@code sqrt((kurtosis - 1) / (4n))}.
   */
  private static double kurtosis(ComponentFamily f) {
    return f instanceof Laplace ? 6 : 3;
  }

  /** Draws n samples and sorts them by nearest mean: counts and per-class moments. */
  private static Classes classify(Mixture m, Temperature t, long seed, int n) {
    RandomGenerator rng = new SplittableRandom(seed);
    double[] mu = m.mu();
    Classes c = new Classes(mu.length, n);
    for (int i = 0; i < n; i++) {
      double y = m.sample(t, rng);
      int k = (int) Math.round(y / 100);
      assertTrue(k >= 0 && k < mu.length && Math.abs(y - mu[k]) < 40, "sample " + y);
      c.add(k, y - mu[k]);
    }
    return c;
  }

  private static final class Classes {
    final int n;
    final long[] count;
    final double[] sum;
    final double[] sumSq;

    Classes(int k, int n) {
      this.n = n;
      count = new long[k];
      sum = new double[k];
      sumSq = new double[k];
    }

    void add(int k, double d) {
      count[k]++;
      sum[k] += d;
      sumSq[k] += d * d;
    }

    double frequency(int k) {
      return (double) count[k] / n;
    }

    double std(int k) {
      double mean = sum[k] / count[k];
      return Math.sqrt((sumSq[k] - count[k] * mean * mean) / (count[k] - 1));
    }
  }

  /** |frequency - p| within 4 binomial standard errors sqrt(p (1 - p) / n). */
  private static void assertFrequencies(Classes c, double[] p) {
    for (int k = 0; k < p.length; k++) {
      double se = Math.sqrt(p[k] * (1 - p[k]) / c.n);
      assertEquals(p[k], c.frequency(k), 4 * se, "component " + k);
    }
  }

  /** Each class's std within 5 of its standard errors of the component's std at that scale. */
  private static void assertSpreads(Classes c, ComponentFamily f, double[] sigma) {
    for (int k = 0; k < sigma.length; k++) {
      double expected = Math.sqrt(f.variance(sigma[k]));
      double relSe = Math.sqrt((kurtosis(f) - 1) / (4.0 * c.count[k]));
      assertEquals(expected, c.std(k), 5 * relSe * expected, "component " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void atTemperatureOneComponentsAppearWithTheirWeightsAndScales(String id) {
    ComponentFamily f = family(id);
    Mixture m = Mixture.of(f, LOGITS, SEPARATED_MU, SIGMA);
    Classes c = classify(m, Temperature.ONE, 41, 200_000);
    assertFrequencies(c, MixtureFixtures.naiveSoftmax(LOGITS, 1));
    assertSpreads(c, f, SIGMA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void weightTemperatureChangesOnlyTheFrequencies(String id) {
    ComponentFamily f = family(id);
    Mixture m = Mixture.of(f, LOGITS, SEPARATED_MU, SIGMA);
    Classes c = classify(m, new Temperature(0.5, 1), 42, 200_000);
    double[] cold = MixtureFixtures.naiveSoftmax(LOGITS, 0.5);
    assertFrequencies(c, cold);
    assertSpreads(c, f, SIGMA);
    // The check has teeth: the untempered weights are > 40 standard errors away.
    double[] plain = MixtureFixtures.naiveSoftmax(LOGITS, 1);
    assertTrue(Math.abs(plain[2] - cold[2]) > 40 * Math.sqrt(cold[2] * (1 - cold[2]) / c.n));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void scaleTemperatureChangesOnlyTheSpreads(String id) {
    ComponentFamily f = family(id);
    Mixture m = Mixture.of(f, LOGITS, SEPARATED_MU, SIGMA);
    Classes c = classify(m, new Temperature(1, 2), 43, 200_000);
    assertFrequencies(c, MixtureFixtures.naiveSoftmax(LOGITS, 1));
    double[] hot = Arrays.stream(SIGMA).map(s -> s * Math.sqrt(2)).toArray();
    assertSpreads(c, f, hot);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void nearZeroTemperatureSamplesTheHeaviestComponentWithShrunkenSpread(String id) {
    ComponentFamily f = family(id);
    // Overlapping components: the sample must still come from the heaviest one alone.
    double[] mu = {0.5, -0.2, 1.3, 0.0};
    Mixture m = Mixture.of(f, LOGITS, mu, SIGMA);
    double tau = 1e-4;
    int n = 100_000;
    int heaviest = m.heaviestComponent();
    RandomGenerator rng = new SplittableRandom(44);
    double[] y = new double[n];
    Arrays.setAll(y, i -> m.sample(Temperature.of(tau), rng));
    double componentStd = Math.sqrt(f.variance(SIGMA[heaviest])) * Math.sqrt(tau);
    // Frequency: the next logit is 0.8 lower, a weight of e^-8000 = 0. Count the draws within
    // 30 component stds (at most 0.21 here) of the heaviest mean; every other mean is >= 0.8
    // away, over 30 of its own (tempered) stds from that window.
    long near =
        Arrays.stream(y).filter(v -> Math.abs(v - mu[heaviest]) < 30 * componentStd).count();
    assertTrue(near > 0.999 * n, near + " of " + n);
    // Spread: relative SE of a sample std is sqrt((kurtosis - 1) / (4n)), 0.0022 (Gaussian) or
    // 0.0035 (Laplace) at n = 100,000: [0.98, 1.02] is 9 or 5.7 SE wide on each side.
    double mean = Arrays.stream(y).average().orElseThrow();
    double std = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
    assertEquals(mu[heaviest], mean, 4 * componentStd / Math.sqrt(n));
    double ratio = std / componentStd;
    assertTrue(ratio >= 0.98 && ratio <= 1.02, "std ratio " + ratio);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void overlappingMixtureSamplesMatchItsDistributionAndMoments(String id) {
    ComponentFamily f = family(id);
    Mixture m = Mixture.of(f, LOGITS, new double[] {0.5, -1.2, 1.3, 0.0}, SIGMA);
    for (Temperature t : new Temperature[] {Temperature.ONE, new Temperature(0.7, 1.6)}) {
      int n = 200_000;
      RandomGenerator rng = new SplittableRandom(45);
      double[] y = new double[n];
      Arrays.setAll(y, i -> m.sample(t, rng));
      // Kolmogorov-Smirnov distance to the oracle CDF of the tempered mixture (weights
      // softmax(logit / tau_w) and scales sigma sqrt(tau_s) computed here, from commons-math3):
      // the 0.001 critical value is 1.95 / sqrt(n).
      Mixture oracle =
          Mixture.of(
              f, LOGITS, m.mu(), Arrays.stream(SIGMA).map(s -> s * Math.sqrt(t.scale())).toArray());
      double[] w = MixtureFixtures.naiveSoftmax(LOGITS, t.weight());
      Arrays.sort(y);
      double d = 0;
      for (int i = 0; i < n; i++) {
        double cdf = MixtureFixtures.oracleCdf(oracle, w, y[i]);
        d = Math.max(d, Math.max(cdf - (double) i / n, (double) (i + 1) / n - cdf));
      }
      assertTrue(d < 1.95 / Math.sqrt(n), t + ": KS distance " + d);
      // Mean within 4 SE sqrt(var / n); variance within 4 SE sqrt((m4 - var^2) / n), with the
      // fourth central moment estimated from the sample.
      Mixture tempered = m.tempered(t);
      double mean = Arrays.stream(y).average().orElseThrow();
      double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
      double m4 = Arrays.stream(y).map(v -> Math.pow(v - mean, 4)).sum() / n;
      assertEquals(tempered.mean(), mean, 4 * Math.sqrt(tempered.variance() / n), t + " mean");
      assertEquals(tempered.variance(), var, 4 * Math.sqrt((m4 - var * var) / n), t + " var");
    }
  }

  @Test
  void sameSeedSameSamplesOtherSeedOtherSamples() {
    Mixture m = Mixture.of(new Gaussian(), LOGITS, SEPARATED_MU, SIGMA);
    Temperature t = new Temperature(0.8, 1.3);
    double[] a = draw(m, t, new SplittableRandom(7), 1000);
    double[] b = draw(m, t, new SplittableRandom(7), 1000);
    double[] c = draw(m, t, new SplittableRandom(8), 1000);
    assertArrayEquals(a, b, 0.0);
    long equal = java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] == c[i]).count();
    assertEquals(0, equal);
  }

  private static double[] draw(Mixture m, Temperature t, RandomGenerator rng, int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = m.sample(t, rng);
    }
    return y;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void samplingAtATemperatureEqualsSamplingTheTemperedMixture(String id) {
    Mixture m = Mixture.of(family(id), LOGITS, SEPARATED_MU, SIGMA);
    for (Temperature t :
        new Temperature[] {
          Temperature.ONE,
          new Temperature(0.3, 1),
          new Temperature(1, 0.2),
          new Temperature(2.5, 0.01)
        }) {
      Mixture tempered = m.tempered(t);
      assertArrayEquals(
          draw(tempered, Temperature.ONE, new SplittableRandom(9), 2000),
          draw(m, t, new SplittableRandom(9), 2000),
          0.0,
          t.toString());
    }
    // And sample(rng) is sample(ONE, rng).
    SplittableRandom r1 = new SplittableRandom(10);
    SplittableRandom r2 = new SplittableRandom(10);
    for (int i = 0; i < 100; i++) {
      assertEquals(m.sample(Temperature.ONE, r1), m.sample(r2), 0.0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gaussian", "laplace"})
  void streamsStayAlignedWhateverIsSampled(String id) {
    // Two generators with one seed, driven by different mixtures, sizes and temperatures,
    // must have consumed the same draws after every sample.
    ComponentFamily f = family(id);
    Mixture a = Mixture.of(f, LOGITS, SEPARATED_MU, SIGMA);
    Mixture b = Mixture.of(f, new double[] {-3, 5}, new double[] {1, 2}, new double[] {0.1, 9});
    SplittableRandom ra = new SplittableRandom(11);
    SplittableRandom rb = new SplittableRandom(11);
    for (int i = 0; i < 10_000; i++) {
      a.sample(Temperature.ONE, ra);
      b.sample(new Temperature(0.01 + i % 7, 0.5 + i % 3), rb);
      assertEquals(ra.nextLong(), rb.nextLong(), "after sample " + i);
    }
  }

  @Test
  void componentsOfZeroWeightAreNeverPicked() {
    double neg = Double.NEGATIVE_INFINITY;
    Mixture m =
        Mixture.of(
            new Gaussian(),
            new double[] {neg, 0, neg},
            new double[] {0, 1, 2},
            new double[] {1, 1, 1});
    for (double u : new double[] {0, 1e-300, 0.5, Math.nextDown(1.0)}) {
      assertEquals(1, m.pickComponent(1, u), "u=" + u);
      assertEquals(1, m.pickComponent(0.01, u), "u=" + u);
    }
    // Weights (1/2, 1/2): the boundary belongs to the upper interval, u just below to the lower.
    Mixture half =
        Mixture.of(new Gaussian(), new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 1});
    assertEquals(0, half.pickComponent(1, Math.nextDown(0.5)));
    assertEquals(1, half.pickComponent(1, 0.5));
    assertEquals(1, half.pickComponent(1, Math.nextDown(1.0)));
    // Underflowed by a cold temperature: a weight of e^-(1/1e-3) = e^-1000 = 0.
    Mixture close =
        Mixture.of(new Gaussian(), new double[] {0, -1}, new double[] {0, 1}, new double[] {1, 1});
    assertEquals(0, close.pickComponent(1e-3, Math.nextDown(1.0)));
    assertFalse(close.pickComponent(1, Math.nextDown(1.0)) == 0);
  }
}
