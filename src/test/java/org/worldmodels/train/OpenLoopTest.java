package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.Episode;

/** The open-loop machinery against a closed form and against recomputing every prefix. */
class OpenLoopTest {
  /** {@code z[t+1] = rho z[t]} exactly: the mean predictor of a linear Gaussian transition. */
  private record Linear(int zSize, float rho) implements MeanPredictor {
    @Override
    public Row start() {
      return new Row() {
        @Override
        public void step(float[] z, float[] a, float[] mean) {
          for (int d = 0; d < z.length; d++) {
            mean[d] = rho * z[d];
          }
        }

        @Override
        public Row copy() {
          return this;
        }
      };
    }
  }

  /**
   * A predictor whose state matters: it remembers the sum of every latent and action fed, so a
   * start's prediction depends on its whole prefix.
   */
  private record Summing(int zSize) implements MeanPredictor {
    @Override
    public Row start() {
      return new SummingRow(new double[zSize]);
    }

    private record SummingRow(double[] sum) implements Row {
      @Override
      public void step(float[] z, float[] a, float[] mean) {
        for (int d = 0; d < z.length; d++) {
          sum[d] += z[d] + a[0];
          mean[d] = (float) (0.6 * z[d] + 0.05 * sum[d] - 0.1 * a[0]);
        }
      }

      @Override
      public Row copy() {
        return new SummingRow(sum.clone());
      }
    }
  }

  /** Episodes of {@code z[t+1] = rho z[t] + sigma eps}, started from the stationary law. */
  private static List<Episode> linearGaussian(
      int n, int length, int zSize, double rho, double sigma, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Episode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[][] z = new float[length + 1][zSize];
      float[][] a = new float[length][1];
      for (int d = 0; d < zSize; d++) {
        z[0][d] = (float) (sigma / Math.sqrt(1 - rho * rho) * rng.nextGaussian());
      }
      for (int t = 0; t < length; t++) {
        a[t][0] = (float) rng.nextDouble(-1, 1);
        for (int d = 0; d < zSize; d++) {
          z[t + 1][d] = (float) (rho * z[t][d] + sigma * rng.nextGaussian());
        }
      }
      out.add(Episode.ofTransitions(z, a));
    }
    return out;
  }

  @Test
  void linearGaussianErrorFollowsTheClosedForm() {
    double rho = 0.9;
    double sigma = 0.5;
    int length = 200;
    int context = 3;
    int horizon = 8;
    List<Episode> episodes = linearGaussian(100, length, 2, rho, sigma, 11);
    OpenLoop.Errors e =
        OpenLoop.of(new Linear(2, (float) rho), episodes, new OpenLoop.Settings(horizon, context));
    double variance = 0;
    for (int k = 1; k <= horizon; k++) {
      // z[s+k] - rho^k z[s] = sigma * sum_{j<k} rho^j eps: variance sigma^2 sum_{j<k} rho^(2j).
      variance += sigma * sigma * Math.pow(rho, 2 * (k - 1));
      assertThat(e.count()[k - 1]).as("k=%d", k).isEqualTo(100L * (length - k - context + 1));
      // About 40k squared errors per k, correlated over at most k overlapping starts: the
      // estimate's relative sd is below 1%; neighbouring k differ by 4% or more.
      assertThat(e.rmse()[k - 1])
          .as("k=%d", k)
          .isCloseTo(Math.sqrt(variance), Percentage.withPercentage(3));
    }
  }

  /** Every start recomputed from a fresh row: what the carried snapshots must reproduce. */
  private static OpenLoop.Errors bruteForce(
      MeanPredictor model, List<Episode> episodes, int horizon, int context) {
    int zs = model.zSize();
    double[] sums = new double[horizon];
    long[] count = new long[horizon];
    for (Episode e : episodes) {
      float[][] z = e.z();
      float[][] a = e.action();
      for (int s = context; s < e.length(); s++) {
        MeanPredictor.Row row = model.start();
        float[] ignored = new float[zs];
        for (int t = 0; t < s; t++) {
          row.step(z[t], a[t], ignored);
        }
        float[] zHat = z[s].clone();
        for (int k = 1; k <= horizon && s + k <= e.length(); k++) {
          float[] next = new float[zs];
          row.step(zHat, a[s + k - 1], next);
          zHat = next;
          double sq = 0;
          for (int d = 0; d < zs; d++) {
            double diff = (double) zHat[d] - z[s + k][d];
            sq += diff * diff;
          }
          sums[k - 1] += sq;
          count[k - 1]++;
        }
      }
    }
    double[] rmse = new double[horizon];
    for (int k = 0; k < horizon; k++) {
      rmse[k] = count[k] == 0 ? Double.NaN : Math.sqrt(sums[k] / (count[k] * zs));
    }
    return new OpenLoop.Errors(rmse, count);
  }

  @Test
  void carriedStatesGiveTheBitsOfRecomputingEveryPrefix() {
    // Lengths around the context and across the chunk of held starts (256).
    List<Episode> episodes = new ArrayList<>();
    int[] lengths = {1, 2, 3, 7, 300, 4, 12};
    for (int i = 0; i < lengths.length; i++) {
      episodes.addAll(linearGaussian(1, lengths[i], 3, 0.7, 0.3, 100 + i));
    }
    MeanPredictor model = new Summing(3);
    for (int context : new int[] {0, 1, 2, 5}) {
      for (int horizon : new int[] {1, 6}) {
        OpenLoop.Errors got = OpenLoop.of(model, episodes, new OpenLoop.Settings(horizon, context));
        assertThat(got)
            .as("H=%d C=%d", horizon, context)
            .isEqualTo(bruteForce(model, episodes, horizon, context));
      }
    }
  }

  @Test
  void episodesNoLongerThanTheContextCountForNothingAndHorizonsBeyondAreNaN() {
    List<Episode> episodes = new ArrayList<>();
    episodes.addAll(linearGaussian(1, 3, 1, 0.5, 1, 1));
    episodes.addAll(linearGaussian(1, 6, 1, 0.5, 1, 2));
    OpenLoop.Errors e = OpenLoop.of(new Linear(1, 0.5f), episodes, new OpenLoop.Settings(5, 3));
    // Only the episode of 6 transitions: starts 3, 4, 5 reach k = 1; 3, 4 reach 2; 3 reaches 3.
    assertThat(e.count()).containsExactly(3, 2, 1, 0, 0);
    assertThat(e.rmse()[2]).isFinite();
    assertThat(e.rmse()[3]).isNaN();
    assertThat(e.rmse()[4]).isNaN();
  }

  @Test
  void settingsRefuseHorizonsAndContextsOutOfRange() {
    assertThatThrownBy(() -> new OpenLoop.Settings(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("horizon must be in [1, 1000], got 0");
    assertThatThrownBy(() -> new OpenLoop.Settings(1001, 1))
        .hasMessage("horizon must be in [1, 1000], got 1001");
    assertThatThrownBy(() -> new OpenLoop.Settings(5, -1))
        .hasMessage("context must be in [0, 1000000], got -1");
    assertThat(new OpenLoop.Settings(1000, 0).context()).isZero();
  }

  @Test
  void episodesOfAnotherLatentSizeAreRefused() {
    List<Episode> episodes = linearGaussian(1, 5, 2, 0.5, 1, 1);
    assertThatThrownBy(
            () -> OpenLoop.of(new Linear(3, 0.5f), episodes, new OpenLoop.Settings(2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("episode latent size 2; the model predicts 3");
  }
}
