package org.worldmodels.mdn;

import org.worldmodels.util.Check;

/**
 * Sampling temperatures (World Models): mixture weights become {@code softmax(logit / weight)} and
 * scales {@code sigma * sqrt(scale)}. {@code (1, 1)} samples the model as trained; towards 0 a
 * sample tends to the heaviest component's mean.
 *
 * @param weight temperature of the mixture weights, {@code > 0}
 * @param scale temperature of the component scales, {@code > 0}
 */
public record Temperature(double weight, double scale) {
  /** Sampling the mixture as it is. */
  public static final Temperature ONE = new Temperature(1, 1);

  public Temperature {
    Check.positiveFinite("temperature", weight);
    Check.positiveFinite("sigma temperature", scale);
  }

  /** Both temperatures equal to {@code tau}. */
  public static Temperature of(double tau) {
    return new Temperature(tau, tau);
  }
}
