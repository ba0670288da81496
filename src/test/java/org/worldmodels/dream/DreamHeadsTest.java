package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.StepGraph;

/**
 * The reward and done heads in a dream, against closed forms over hand-built weights: the done
 * probability is {@code sigmoid(logit - ln w)} ({@code w} the done head's positive weight), sampled
 * or compared with a threshold, and the reward is the head's output.
 *
 * <p>The model: z and action of width 1, two hidden units, one mixture component; output columns
 * {@code [logit, mean, scale, reward, done logit]}. With two hidden units the head's sum for a
 * column is {@code (bias + h0 k0) + h1 k1} in float, which the test computes by hand from the
 * dream's hidden state.
 */
class DreamHeadsTest {
  static final int REWARD = 3;
  static final int DONE = 4;
  static final int OUT = 5;

  /**
   * Random LSTM weights and the given head columns {@code {k0, k1, bias}} for reward and done (the
   * mixture's columns random too).
   */
  static MdnRnnWeights weights(
      MdnRnnConfig config, float[] rewardColumn, float[] doneColumn, long seed) {
    MdnRnnWeights random = MdnRnnWeights.initial(config, new SplittableRandom(seed));
    float[] kernel = random.headKernel().clone(); // [H = 2][O = 5]
    float[] bias = random.headBias().clone();
    for (int j = 0; j < 2; j++) {
      kernel[j * OUT + REWARD] = rewardColumn[j];
      kernel[j * OUT + DONE] = doneColumn[j];
    }
    bias[REWARD] = rewardColumn[2];
    bias[DONE] = doneColumn[2];
    return new MdnRnnWeights(random.lstmKernel(), random.lstmBias(), kernel, bias);
  }

  static MdnRnnCell cell(MdnRnnConfig config, float[] rewardColumn, float[] doneColumn, long seed) {
    return new MdnRnnCell(config, weights(config, rewardColumn, doneColumn, seed));
  }

  static MdnRnnConfig config(double doneWeight) {
    return new MdnRnnConfig(
        1,
        1,
        2,
        1,
        MdnRnnConfig.FAMILY_DEFAULT,
        MdnRnnConfig.SIGMA_DEFAULT,
        true,
        true,
        doneWeight);
  }

  /** {@code (bias + h0 k0) + h1 k1} in float: the head's output column {@code {k0, k1, bias}}. */
  static float head(float[] h, float[] column) {
    float acc = column[2];
    acc += h[0] * column[0];
    acc += h[1] * column[1];
    return acc;
  }

  /** The dream's done probability for a done logit: {@code sigmoid(logit - ln w)}. */
  static double doneProbability(float logit, double w) {
    return 1 / (1 + Math.exp(-(logit - Math.log(w))));
  }

  static float[][] actions(SplittableRandom rng, int rows) {
    float[][] a = new float[rows][1];
    for (float[] row : a) {
      row[0] = (float) (2 * rng.nextDouble() - 1);
    }
    return a;
  }

  @Test
  void sampledDoneFrequencyIsSigmoidOfLogitLessLnW() {
    float logit = 1.0f;
    for (double w : new double[] {1, 10}) {
      MdnRnnConfig config = config(w);
      MdnRnnCell cell = cell(config, new float[] {0.5f, -0.5f, 0}, new float[] {0, 0, logit}, 1);
      int rows = 16;
      int steps = 1000;
      DreamOptions options =
          DreamOptions.builder().batchSize(rows).seed(7).backend(Backend.JAVA).build();
      long dones = 0;
      try (DreamEnv dream = DreamEnvs.open(config, cell, () -> null, options)) {
        float[][] z = new float[rows][1];
        dream.reset(z);
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < steps; t++) {
          DreamStep step = dream.step(z, actions(rng, rows));
          for (boolean d : step.done()) {
            dones += d ? 1 : 0;
          }
          z = step.z();
        }
      }
      double n = (double) rows * steps;
      double p = doneProbability(logit, w);
      // Five binomial standard deviations: about 0.016 at n = 16,000 (the uncorrected p is 0.73).
      double bound = 5 * Math.sqrt(p * (1 - p) / n);
      assertThat(dones / n).as("done frequency at w = " + w).isCloseTo(p, within(bound));
    }
  }

  @Test
  void thresholdModeEndsExactlyWhenTheCorrectedProbabilityExceedsTheThreshold() {
    double w = 10;
    MdnRnnConfig config = config(w);
    // Centred on the threshold 0.5 after the correction, spread by the hidden state.
    float[] done = {2.5f, -3.0f, (float) Math.log(w)};
    MdnRnnCell cell = cell(config, new float[] {0, 0, 0}, done, 3);
    int rows = 4;
    int steps = 200;
    double threshold = 0.5;
    int[] seen = new int[2];
    double[][] p = new double[steps][rows];
    boolean[][] ended = run(config, cell, done, threshold, steps, rows, p);
    for (int t = 0; t < steps; t++) {
      for (int r = 0; r < rows; r++) {
        assertThat(ended[t][r])
            .as("step %d row %d: p = %s", t, r, p[t][r])
            .isEqualTo(p[t][r] > threshold);
        seen[ended[t][r] ? 1 : 0]++;
      }
    }
    assertThat(seen[0]).as("steps not done").isGreaterThan(20);
    assertThat(seen[1]).as("steps done").isGreaterThan(20);

    // At a probability the dream met, a threshold equal to it does not end the row; one just
    // below it does.
    double met = p[steps / 2][1];
    assertThat(run(config, cell, done, met, steps, rows, null)[steps / 2][1]).isFalse();
    assertThat(run(config, cell, done, Math.nextDown(met), steps, rows, null)[steps / 2][1])
        .isTrue();
  }

  /**
   * Runs a thresholded dream; returns each step's done flags and, in {@code p} if not null, the
   * done probability computed by hand from the hidden state.
   */
  private static boolean[][] run(
      MdnRnnConfig config,
      MdnRnnCell cell,
      float[] done,
      double threshold,
      int steps,
      int rows,
      double[][] p) {
    DreamOptions options =
        DreamOptions.builder()
            .batchSize(rows)
            .seed(9)
            .backend(Backend.JAVA)
            .doneThreshold(threshold)
            .build();
    boolean[][] ended = new boolean[steps][];
    try (DreamEnv dream = DreamEnvs.open(config, cell, () -> null, options)) {
      float[][] z = new float[rows][1];
      dream.reset(z);
      SplittableRandom rng = new SplittableRandom(4);
      for (int t = 0; t < steps; t++) {
        DreamStep step = dream.step(z, actions(rng, rows));
        ended[t] = step.done();
        if (p != null) {
          float[][] h = dream.hidden();
          for (int r = 0; r < rows; r++) {
            p[t][r] = doneProbability(head(h[r], done), config.donePositiveWeight());
          }
        }
        z = step.z();
      }
    }
    return ended;
  }

  @Test
  void dreamedRewardIsTheRewardHeadsOutput() {
    MdnRnnConfig config = config(10);
    float[] reward = {1.75f, -0.625f, 0.3f};
    MdnRnnWeights weights = weights(config, reward, new float[] {0, 0, -5}, 5);
    MdnRnnCell cell = new MdnRnnCell(config, weights);
    int rows = 3;
    for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
      DreamOptions options =
          DreamOptions.builder().batchSize(rows).seed(11).backend(backend).build();
      try (StepGraph graph = new StepGraph(config, weights);
          DreamEnv dream = DreamEnvs.open(config, cell, () -> graph, options)) {
        float[][] z = new float[rows][1];
        dream.reset(z);
        SplittableRandom rng = new SplittableRandom(6);
        for (int t = 0; t < 100; t++) {
          DreamStep step = dream.step(z, actions(rng, rows));
          float[][] h = dream.hidden();
          for (int r = 0; r < rows; r++) {
            float expected = head(h[r], reward);
            if (backend == Backend.JAVA) {
              assertThat(step.reward()[r]).as("step %d row %d", t, r).isEqualTo(expected);
            } else {
              assertThat(step.reward()[r])
                  .as("step %d row %d (TensorFlow)", t, r)
                  .isCloseTo(expected, within(1e-5f));
            }
          }
          z = step.z();
        }
      }
    }
  }
}
