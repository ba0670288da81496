package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.worldmodels.WorldModel;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;

/**
 * Dreams of the synthetic bimodal dynamics against the generator's true probabilities: {@code z0' =
 * +1} with probability {@code sigmoid(3a)}.
 */
class DreamSamplingTest {
  static final int ROWS = 4000;

  /** One dream step for ROWS rows from random states under action {@code a}. */
  static float[] nextZ0(WorldModel m, double weightTau, double scaleTau, double a, long seed) {
    DreamOptions o =
        DreamOptions.builder()
            .batchSize(ROWS)
            .weightTemperature(weightTau)
            .scaleTemperature(scaleTau)
            .seed(seed)
            .backend(Backend.JAVA)
            .build();
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] z = new float[ROWS][2];
    float[][] act = new float[ROWS][1];
    for (int r = 0; r < ROWS; r++) {
      z[r][0] = rng.nextBoolean() ? 1f : -1f;
      z[r][1] = (float) rng.nextGaussian();
      act[r][0] = (float) a;
    }
    try (DreamEnv env = m.dreamEnv(o)) {
      env.reset(z);
      float[][] next = env.step(z, act).z();
      float[] out = new float[ROWS];
      for (int r = 0; r < ROWS; r++) {
        out[r] = next[r][0];
      }
      return out;
    }
  }

  static double upperShare(float[] v) {
    int up = 0;
    for (float x : v) {
      if (x > 0) {
        up++;
      }
    }
    return (double) up / v.length;
  }

  /** Standard deviation of the values in the mode of sign {@code sign}. */
  static double spreadInMode(float[] v, int sign) {
    double s = 0;
    double s2 = 0;
    int n = 0;
    for (float x : v) {
      if (Math.signum(x) == sign) {
        s += x;
        s2 += x * x;
        n++;
      }
    }
    double mean = s / n;
    return Math.sqrt(s2 / n - mean * mean);
  }

  @ParameterizedTest(name = "a = {0}")
  @ValueSource(doubles = {-0.9, -0.6, 0.6, 0.9})
  void modeFrequenciesAtTemperatureOneMatchTheTruth(double a) throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      double share = upperShare(nextZ0(m, 1, 1, a, 11));
      // Sampling error alone is sqrt(p(1-p)/4000) <= 0.008; the rest is the model's.
      assertThat(share)
          .isCloseTo(
              SyntheticEpisodes.upperProbability(a), org.assertj.core.data.Offset.offset(0.05));
    }
  }

  @ParameterizedTest(name = "a = {0}")
  @ValueSource(doubles = {-0.9, -0.6, 0.6, 0.9})
  void lowTemperatureTakesTheMajorityMode(double a) throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      double share = upperShare(nextZ0(m, 0.1, 0.1, a, 12));
      double majority = a > 0 ? share : 1 - share;
      assertThat(majority).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void withinModeSpreadScalesWithSqrtTau() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      double tau = 0.1;
      double at1 = spreadInMode(nextZ0(m, 1, 1, 0.9, 13), 1);
      double atTau = spreadInMode(nextZ0(m, 1, tau, 0.9, 14), 1);
      double ratio = (atTau / at1) / Math.sqrt(tau);
      assertThat(ratio).isBetween(0.5, 1.6);
    }
  }
}
