package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.ScaleActivation;

/**
 * The sampler's component picks against a plain reference (Math.exp weights, the first component
 * whose cumulative weight exceeds the uniform) fed the same draws, and against the softmax
 * probabilities. Components sit 10 apart with scales of about 1e-13, so a sample names its pick.
 */
class LatentSamplerTest {
  static final int DIMS = 3;
  static final int K = 4;
  static final double[][] LOGITS = {
    {0.3, -1.2, 2.0, 0.0}, {5.0, 5.0, Double.NEGATIVE_INFINITY, -3.0}, {-40, -41, -60, -39.5}
  };

  static float[] headOutput() {
    float[] y = new float[DIMS * 3 * K + 2];
    for (int d = 0; d < DIMS; d++) {
      for (int i = 0; i < K; i++) {
        y[d * 3 * K + i] = (float) LOGITS[d][i];
        y[d * 3 * K + K + i] = 10 * i;
        y[d * 3 * K + 2 * K + i] = -30; // sigma = exp(-30)
      }
    }
    return y;
  }

  static LatentSampler sampler(DreamOptions options) {
    return new LatentSampler(
        DIMS, K, ComponentFamily.parse("gaussian"), ScaleActivation.EXP, options);
  }

  /** The reference pick for dimension d at weight temperature tau, for uniform draw u. */
  static int referencePick(float[] y, int d, double tau, double uniform) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < K; i++) {
      max = Math.max(max, y[d * 3 * K + i]);
    }
    double[] w = new double[K];
    double sum = 0;
    for (int i = 0; i < K; i++) {
      w[i] = Math.exp((y[d * 3 * K + i] - max) / tau);
      sum += w[i];
    }
    double u = uniform * sum;
    double acc = 0;
    for (int i = 0; i < K; i++) {
      acc += w[i];
      if (u < acc) {
        return i;
      }
    }
    return K - 1;
  }

  @Test
  void picksAreTheReferencePicksAndFollowTheSoftmax() {
    float[] y = headOutput();
    double tau = 1.3;
    LatentSampler s = sampler(DreamOptions.builder().weightTemperature(tau).build());
    LatentSampler.Scratch scratch = s.newScratch();
    float[] z = new float[DIMS];
    long[][] counts = new long[DIMS][K];
    for (long row = 0; row < 20_000; row++) {
      RowRandom rng = RowRandom.of(3, row);
      RowRandom ref = RowRandom.of(3, row);
      s.sample(y, 0, rng, z, scratch);
      // Draw order: every dimension's uniform, then every dimension's component draw.
      double[] u = new double[DIMS];
      for (int d = 0; d < DIMS; d++) {
        u[d] = ref.nextDouble();
      }
      for (int d = 0; d < DIMS; d++) {
        ref.nextGaussian();
      }
      for (int d = 0; d < DIMS; d++) {
        int pick = referencePick(y, d, tau, u[d]);
        assertThat((double) z[d]).as("row %d dim %d", row, d).isCloseTo(10.0 * pick, within());
        counts[d][pick]++;
      }
      assertThat(rng.state()).isEqualTo(ref.state());
    }
    ChiSquareTest chi = new ChiSquareTest();
    for (int d = 0; d < DIMS; d++) {
      double[] p = softmax(LOGITS[d], tau);
      // Components of probability 0 are never picked; the test runs over the others.
      int n = 0;
      for (double v : p) {
        n += v > 0 ? 1 : 0;
      }
      double[] expected = new double[n];
      long[] observed = new long[n];
      for (int i = 0, j = 0; i < K; i++) {
        if (p[i] > 0) {
          expected[j] = p[i];
          observed[j++] = counts[d][i];
        } else {
          assertThat(counts[d][i]).as("dim %d never picks component %d", d, i).isZero();
        }
      }
      assertThat(chi.chiSquareTest(expected, observed)).as("dim %d", d).isGreaterThan(1e-3);
    }
  }

  @Test
  void theSmallestTemperatureAlwaysPicksTheHeaviestComponent() {
    float[] y = headOutput();
    LatentSampler s = sampler(DreamOptions.builder().weightTemperature(Double.MIN_VALUE).build());
    float[] z = new float[DIMS];
    for (long row = 0; row < 1000; row++) {
      s.sample(y, 0, RowRandom.of(1, row), z, s.newScratch());
      assertThat((double) z[0]).isCloseTo(20, within());
      assertThat((double) z[2]).isCloseTo(30, within());
      // Two tied heaviest components: either, never the others.
      assertThat((double) Math.min(z[1], 10 - z[1])).isCloseTo(0, within());
    }
  }

  @Test
  void theHeaviestOfAnOddNumberOfComponentsIsFoundWhereverItIs() {
    // Five components: the maximum runs over pairs and then the one left over.
    int k = 5;
    LatentSampler s =
        new LatentSampler(
            k,
            k,
            ComponentFamily.parse("gaussian"),
            ScaleActivation.EXP,
            DreamOptions.builder().weightTemperature(Double.MIN_VALUE).build());
    float[] y = new float[k * 3 * k];
    for (int d = 0; d < k; d++) {
      for (int i = 0; i < k; i++) {
        y[d * 3 * k + i] = i == d ? 1f : -1f; // dimension d's heaviest component is d
        y[d * 3 * k + k + i] = 10 * i;
        y[d * 3 * k + 2 * k + i] = -30;
      }
    }
    float[] z = new float[k];
    for (long row = 0; row < 100; row++) {
      s.sample(y, 0, RowRandom.of(2, row), z, s.newScratch());
      for (int d = 0; d < k; d++) {
        assertThat((double) z[d]).as("row %d dim %d", row, d).isCloseTo(10.0 * d, within());
      }
    }
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  static double[] softmax(double[] logits, double tau) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((logits[i] - max) / tau);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
