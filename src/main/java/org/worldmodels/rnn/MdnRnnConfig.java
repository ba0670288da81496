package org.worldmodels.rnn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.MdnHead;
import org.worldmodels.mdn.MeanActivation;
import org.worldmodels.mdn.ScaleActivation;
import org.worldmodels.util.Check;

/**
 * The shape of an MDN-RNN: {@code concat(z_t, a_t)} feeds an LSTM of {@code hidden} units whose
 * output, through one linear layer, parametrises a mixture of {@code mixtures} components for each
 * of the {@code zSize} dimensions of {@code z_{t+1}}, plus optional reward and done heads.
 *
 * @param zSize latent size {@code Z}
 * @param actionSize action size {@code A} (discrete actions one-hot)
 * @param hidden LSTM units {@code H}
 * @param mixtures components per latent dimension {@code K}
 * @param family component family (in JSON its {@link ComponentFamily#name()})
 * @param sigma scale activation (in JSON {@code exp} or {@code elu})
 * @param rewardHead whether a reward is predicted (squared error)
 * @param doneHead whether episode termination is predicted (Bernoulli logit)
 * @param donePositiveWeight weight of terminal steps in the done loss (World Models' Doom
 *     experiment used 10: terminations are rare)
 */
public record MdnRnnConfig(
    int zSize,
    int actionSize,
    int hidden,
    int mixtures,
    ComponentFamily family,
    ScaleActivation sigma,
    boolean rewardHead,
    boolean doneHead,
    double donePositiveWeight) {
  public static final int HIDDEN_DEFAULT = 256;
  public static final int MIXTURES_DEFAULT = 5;
  public static final double DONE_POSITIVE_WEIGHT_DEFAULT = 10;
  public static final ComponentFamily FAMILY_DEFAULT = ComponentFamily.GAUSSIAN;
  public static final ScaleActivation SIGMA_DEFAULT = ScaleActivation.EXP;

  public MdnRnnConfig {
    Check.inRange("z_size", zSize, 1, 1 << 16);
    Check.inRange("action_size", actionSize, 0, 1 << 16);
    Check.inRange("hidden", hidden, 1, 1 << 14);
    Check.inRange("mixtures", mixtures, 1, 1000);
    Check.argument(family != null, "family must be given");
    Check.argument(sigma != null, "sigma must be given");
    Check.positiveFinite("done_positive_weight", donePositiveWeight);
  }

  /**
   * A config with the default family, scale activation and done weight ({@link #FAMILY_DEFAULT},
   * {@link #SIGMA_DEFAULT}, {@link #DONE_POSITIVE_WEIGHT_DEFAULT}).
   */
  public static MdnRnnConfig withDefaults(
      int zSize, int actionSize, int hidden, int mixtures, boolean rewardHead, boolean doneHead) {
    return new MdnRnnConfig(
        zSize,
        actionSize,
        hidden,
        mixtures,
        FAMILY_DEFAULT,
        SIGMA_DEFAULT,
        rewardHead,
        doneHead,
        DONE_POSITIVE_WEIGHT_DEFAULT);
  }

  /** The LSTM input width {@code Z + A}. */
  @JsonIgnore
  public int inputSize() {
    return zSize + actionSize;
  }

  /** Width of the output layer: mixture parameters, then reward, then done logit. */
  @JsonIgnore
  public int outputSize() {
    return zSize * 3 * mixtures + (rewardHead ? 1 : 0) + (doneHead ? 1 : 0);
  }

  /** Column of the reward prediction in the output layer, or -1. */
  @JsonIgnore
  public int rewardColumn() {
    return rewardHead ? zSize * 3 * mixtures : -1;
  }

  /** Column of the done logit in the output layer, or -1. */
  @JsonIgnore
  public int doneColumn() {
    return doneHead ? zSize * 3 * mixtures + (rewardHead ? 1 : 0) : -1;
  }

  /** The mixture head over the latent. */
  @JsonIgnore
  public MdnHead head() {
    return MdnHead.unitScale(zSize, mixtures, family, sigma, MeanActivation.IDENTITY);
  }

  /** Number of trainable scalars. */
  @JsonIgnore
  public long parameterCount() {
    long lstm = (long) (inputSize() + hidden) * 4 * hidden + 4L * hidden;
    long head = (long) hidden * outputSize() + outputSize();
    return lstm + head;
  }
}
