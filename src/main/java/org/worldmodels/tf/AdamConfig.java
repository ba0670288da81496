package org.worldmodels.tf;

import org.worldmodels.util.Check;

/**
 * Adam's hyper-parameters (Kingma and Ba 2015), with the framework defaults. {@code epsilon} is
 * added to {@code sqrt(v)} after bias correction is folded into the step size, as TensorFlow's
 * {@code ApplyAdam} does.
 *
 * @param beta1 decay of the first-moment estimate, in [0, 1)
 * @param beta2 decay of the second-moment estimate, in [0, 1)
 * @param epsilon added to the denominator, {@code > 0}
 * @param clip gradient clipping applied before the moments are updated
 */
public record AdamConfig(double beta1, double beta2, double epsilon, Clip clip) {
  public static final double BETA1_DEFAULT = 0.9;
  public static final double BETA2_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-8;

  public AdamConfig {
    Check.inRange("beta1", beta1, 0, Math.nextDown(1.0));
    Check.inRange("beta2", beta2, 0, Math.nextDown(1.0));
    Check.positiveFinite("epsilon", epsilon);
  }

  /** Default betas and epsilon with the given clipping. */
  public static AdamConfig defaults(Clip clip) {
    return new AdamConfig(BETA1_DEFAULT, BETA2_DEFAULT, EPSILON_DEFAULT, clip);
  }

  /**
   * The bias-corrected step size for update number {@code t} (1-based): {@code lr * sqrt(1 -
   * beta2^t) / (1 - beta1^t)}. Computed in Java (double) and fed to the graph, so the schedule and
   * the correction live in one reproducible place.
   */
  public float stepSize(double lr, long t) {
    double c = Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    return (float) (lr * c);
  }
}
