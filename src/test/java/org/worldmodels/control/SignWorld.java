package org.worldmodels.control;

import java.util.List;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/**
 * A hand-built world model whose dream rewards acting on the latent: {@code z} is 1-dimensional and
 * drawn afresh from N(0, 1) at every step, the action is a box in [-1, 1], and the predicted reward
 * is about {@code sign(z) * sign(a)} (in [-1, 1]). A controller that ignores {@code z} (the zero
 * controller: a = 0, reward exactly 0) earns nothing; one that acts {@code a = sign(z)} earns
 * nearly 1 per step. So CMA-ES has something to find, and whether it finds it can be measured.
 *
 * <p>How: two LSTM units that forget at once and always output. Unit 0's input gate opens for
 * {@code z > 0} and writes {@code tanh(K a)}; unit 1's opens for {@code z < 0} and writes {@code
 * tanh(-K a)}; the reward head adds their outputs.
 */
final class SignWorld {
  static final int HIDDEN = 2;
  private static final float K = 8f; // gate sharpness
  private static final float SATURATE = 20f;

  static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          1,
          1,
          HIDDEN,
          1,
          MdnRnnConfig.FAMILY_DEFAULT,
          MdnRnnConfig.SIGMA_DEFAULT,
          true,
          false,
          10);

  static final ActionSpec ACTION = new ActionSpec.Box(new double[] {-1}, new double[] {1});

  private SignWorld() {}

  /** The model, in memory. */
  static WorldModel model() {
    int g4 = 4 * HIDDEN;
    // Kernel rows: z, a, then the recurrent h rows (left at 0); columns: i, f, cell, o gates.
    float[] kernel = new float[(CONFIG.inputSize() + HIDDEN) * g4];
    kernel[0] = K; // row z, input gate of unit 0
    kernel[1] = -K; // row z, input gate of unit 1
    kernel[g4 + 2 * HIDDEN] = K; // row a, cell input of unit 0
    kernel[g4 + 2 * HIDDEN + 1] = -K; // row a, cell input of unit 1
    float[] bias = new float[g4];
    bias[HIDDEN] = -SATURATE; // forget everything: the reward reads this step's input only
    bias[HIDDEN + 1] = -SATURATE;
    bias[3 * HIDDEN] = SATURATE; // output gates open
    bias[3 * HIDDEN + 1] = SATURATE;
    int out = CONFIG.outputSize(); // logit, mean, scale of z, then the reward
    float[] head = new float[HIDDEN * out];
    float unit = (float) (1 / Math.tanh(1)); // so a saturated unit gives reward 1
    head[CONFIG.rewardColumn()] = unit;
    head[out + CONFIG.rewardColumn()] = unit;
    // Zero head bias: one component, mean 0, scale exp(0) = 1.
    MdnRnnWeights w = new MdnRnnWeights(kernel, bias, head, new float[out]);
    return WorldModel.of(CONFIG, w, new DataSpec(1, ACTION, null, "sign-world"));
  }

  /** A linear controller of this world. */
  static ControllerSpec linear() {
    return ControllerSpec.linear(1, HIDDEN, ACTION);
  }

  /** Dreams start at z = 1 or z = -1. */
  static InitialLatents starts() {
    float[][] a = {{0}};
    return InitialLatents.from(
        Dataset.of(
            List.of(
                Episode.ofTransitions(new float[][] {{1}, {0}}, a),
                Episode.ofTransitions(new float[][] {{-1}, {0}}, a)),
            null));
  }
}
