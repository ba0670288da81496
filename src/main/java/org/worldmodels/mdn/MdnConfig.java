package org.worldmodels.mdn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.worldmodels.util.Check;

/**
 * Settings of a standalone MDN regressor ({@code mdn fit}), stored in the model's metadata. The
 * choices are parsed where they enter (flags, JSON); in JSON they are the strings of the command
 * line.
 *
 * @param mixtures components {@code K}, at least 1
 * @param family component family (JSON: see {@link ComponentFamily#parse})
 * @param sigma scale activation (JSON: {@code exp} or {@code elu})
 * @param mu mean activation (JSON: {@code identity}, {@code softplus} or {@code bounded:LO:HI})
 * @param hidden tanh hidden layer widths, at least one layer (copied in and out)
 * @param steps full-batch Adam updates
 * @param learningRate initial learning rate of the step schedule
 * @param weightDecay L2 penalty on the kernels, added to the mean NLL
 * @param validationFraction share of rows held out to choose the stopping step (the weights with
 *     the lowest held-out NLL are kept); 0 trains on every row for all steps
 * @param seed seed of the initial weights
 */
public record MdnConfig(
    int mixtures,
    ComponentFamily family,
    ScaleActivation sigma,
    MeanActivation mu,
    int[] hidden,
    int steps,
    double learningRate,
    double weightDecay,
    double validationFraction,
    long seed) {
  public static final int MIXTURES_DEFAULT = 5;
  public static final ComponentFamily FAMILY_DEFAULT = ComponentFamily.GAUSSIAN;
  public static final ScaleActivation SIGMA_DEFAULT = ScaleActivation.EXP;
  public static final MeanActivation MU_DEFAULT = MeanActivation.IDENTITY;
  public static final List<Integer> HIDDEN_DEFAULT = List.of(32, 32);
  public static final int STEPS_DEFAULT = 8_000;
  public static final double LEARNING_RATE_DEFAULT = 5e-3;
  public static final double WEIGHT_DECAY_DEFAULT = 1e-3;
  public static final double VALIDATION_FRACTION_DEFAULT = 0;

  /**
   * The learning rate falls by {@link #LR_DECAY} at these fractions of the run: a fast start, then
   * small steps that settle the narrow components.
   */
  static final double[] LR_BOUNDARIES = {0.5, 0.75, 0.9};

  static final double LR_DECAY = 0.3;

  public MdnConfig {
    Check.inRange("mixtures", mixtures, 1, 1000);
    Check.argument(family != null, "family must be given");
    Check.argument(sigma != null, "sigma must be given");
    Check.argument(mu != null, "mu must be given");
    Check.argument(hidden != null && hidden.length >= 1, "hidden needs at least one layer width");
    hidden = hidden.clone();
    for (int h : hidden) {
      Check.inRange("hidden width", h, 1, 100_000);
    }
    Check.inRange("steps", steps, 1, 100_000_000);
    Check.positiveFinite("learning rate", learningRate);
    Check.nonNegativeFinite("weight decay", weightDecay);
    Check.inRange("validation fraction", validationFraction, 0, 0.5);
  }

  /** The defaults of {@code mdn fit}. */
  public static MdnConfig defaults() {
    return new MdnConfig(
        MIXTURES_DEFAULT,
        FAMILY_DEFAULT,
        SIGMA_DEFAULT,
        MU_DEFAULT,
        HIDDEN_DEFAULT.stream().mapToInt(Integer::intValue).toArray(),
        STEPS_DEFAULT,
        LEARNING_RATE_DEFAULT,
        WEIGHT_DECAY_DEFAULT,
        VALIDATION_FRACTION_DEFAULT,
        0);
  }

  public MdnConfig withMixtures(int k) {
    return new MdnConfig(
        k, family, sigma, mu, hidden, steps, learningRate, weightDecay, validationFraction, seed);
  }

  public MdnConfig withSeed(long s) {
    return new MdnConfig(
        mixtures,
        family,
        sigma,
        mu,
        hidden,
        steps,
        learningRate,
        weightDecay,
        validationFraction,
        s);
  }

  public MdnConfig withWeightDecay(double wd) {
    return new MdnConfig(
        mixtures, family, sigma, mu, hidden, steps, learningRate, wd, validationFraction, seed);
  }

  public MdnConfig withValidationFraction(double f) {
    return new MdnConfig(
        mixtures, family, sigma, mu, hidden, steps, learningRate, weightDecay, f, seed);
  }

  public MdnConfig withSteps(int n) {
    return new MdnConfig(
        mixtures,
        family,
        sigma,
        mu,
        hidden,
        n,
        learningRate,
        weightDecay,
        validationFraction,
        seed);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @JsonIgnore
  public org.worldmodels.tf.StepSchedule schedule() {
    return new org.worldmodels.tf.StepSchedule(learningRate, LR_DECAY, LR_BOUNDARIES);
  }
}
