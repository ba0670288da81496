package org.worldmodels.mdn;

import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Laplace components with scale {@code b = sigma}: {@code log p = -|y - mu|/b - log(2b)}. Heavier
 * tails than the Gaussian; the variance is {@code 2 b^2}.
 */
public final class Laplace implements ComponentFamily {
  private static final double LOG_2 = Math.log(2);

  @Override
  public String id() {
    return "laplace";
  }

  @Override
  public double logPdf(double y, double mu, double sigma) {
    return -Math.abs(y - mu) / sigma - Math.log(sigma) - LOG_2;
  }

  @Override
  public Operand<TFloat32> logPdf(
      Ops tf,
      Operand<TFloat32> y,
      Operand<TFloat32> mu,
      Operand<TFloat32> sigma,
      Operand<TFloat32> logSigma) {
    Operand<TFloat32> a = tf.math.neg(tf.math.div(tf.math.abs(tf.math.sub(y, mu)), sigma));
    return tf.math.sub(tf.math.sub(a, logSigma), tf.constant((float) LOG_2));
  }

  @Override
  public double sample(double mu, double sigma, RandomGenerator rng) {
    // Inverse CDF on u in (-1/2, 1/2). nextDouble() is j 2^-53 with j in [0, 2^53), so
    // nextDouble() - 0.5 alone can be exactly -1/2 and give -Infinity; shifting by half a step
    // makes u an odd multiple of 2^-54, exactly, symmetric about 0 and with 1 - 2|u| >= 2^-53.
    double u = (rng.nextDouble() - 0.5) + 0x1p-54;
    return mu - sigma * Math.signum(u) * Math.log1p(-2 * Math.abs(u));
  }

  @Override
  public double variance(double sigma) {
    return 2 * sigma * sigma;
  }

  @Override
  public double searchRadius() {
    return 12.0;
  }

  @Override
  public String toString() {
    return id();
  }
}
