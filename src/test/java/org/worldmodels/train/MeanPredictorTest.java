package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/** The MDN-RNN adapter of {@link MeanPredictor} steps as the dream does. */
class MeanPredictorTest {
  private static final int Z = 3;
  private static final int A = 2;

  private static MdnRnnConfig config(int mixtures) {
    return new MdnRnnConfig(
        Z, A, 8, mixtures, ComponentFamily.GAUSSIAN, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
  }

  private static DataSpec spec() {
    return new DataSpec(Z, new ActionSpec.Box(new double[] {-1, -1}, new double[] {1, 1}), 50, "t");
  }

  @Test
  void oneComponentMeansAreTheDreamsStepsToTheBit() {
    // With one component and a scale temperature of 1e-60 a dreamed latent is mu + sigma *
    // 1e-30 * eps: mu itself in float32, which is the mixture's mean. Fed its own predictions,
    // the adapter must then dream the dream's trajectory exactly.
    MdnRnnConfig c = config(1);
    MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(5));
    MeanPredictor means = MeanPredictor.of(new MdnRnnCell(c, w));
    SplittableRandom rng = new SplittableRandom(9);
    try (WorldModel m = WorldModel.of(c, w, spec());
        DreamEnv dream =
            m.dreamEnv(
                DreamOptions.builder()
                    .batchSize(1)
                    .backend(Backend.JAVA)
                    .scaleTemperature(1e-60)
                    .seed(3)
                    .build())) {
      float[] z = {0.3f, -0.2f, 0.9f};
      dream.reset(new float[][] {z});
      MeanPredictor.Row row = means.start();
      for (int t = 0; t < 40; t++) {
        float[] a = {(float) rng.nextDouble(-1, 1), (float) rng.nextDouble(-1, 1)};
        DreamStep s = dream.step(new float[][] {z}, new float[][] {a});
        float[] mean = new float[Z];
        row.step(z, a, mean);
        assertThat(mean).as("step %d", t).isEqualTo(s.z()[0]);
        z = mean;
      }
    }
  }

  @Test
  void meansWeighComponentsBySoftmaxAndCopiesContinueAlike() {
    MdnRnnConfig c = config(3);
    MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(6));
    MdnRnnCell cell = new MdnRnnCell(c, w);
    MeanPredictor.Row row = MeanPredictor.of(cell).start();
    float[] h = new float[c.hidden()];
    float[] cs = new float[c.hidden()];
    float[] y = new float[c.outputSize()];
    MdnRnnCell.Workspace work = cell.newWorkspace();
    SplittableRandom rng = new SplittableRandom(1);
    float[] mean = new float[Z];
    for (int t = 0; t < 10; t++) {
      float[] z = {(float) rng.nextGaussian(), (float) rng.nextGaussian(), 0.5f};
      float[] a = {(float) rng.nextDouble(-1, 1), 0.25f};
      row.step(z, a, mean);
      cell.step(z, 0, a, 0, h, cs, 0, y, 0, work);
      for (int d = 0; d < Z; d++) {
        int at = d * 3 * 3;
        double max = Math.max(y[at], Math.max(y[at + 1], y[at + 2]));
        double norm = 0;
        double sum = 0;
        for (int i = 0; i < 3; i++) {
          double p = Math.exp(y[at + i] - max);
          norm += p;
          sum += p * y[at + 3 + i];
        }
        assertThat((double) mean[d])
            .as("t=%d d=%d", t, d)
            .isCloseTo(sum / norm, Offset.offset(1e-6));
      }
    }
    MeanPredictor.Row copy = row.copy();
    float[] z = {0.1f, 0.2f, 0.3f};
    float[] a = {0.5f, -0.5f};
    float[] fromCopy = new float[Z];
    copy.step(z, a, fromCopy);
    copy.step(fromCopy, a, fromCopy);
    row.step(z, a, mean);
    row.step(mean, a, mean);
    assertThat(fromCopy).isEqualTo(mean);
  }
}
