package org.worldmodels.mdn;

import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Normal components: {@code log p = -((y - mu)/sigma)^2 / 2 - log sigma - log(2 pi) / 2}. */
public final class Gaussian implements ComponentFamily {
  static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  @Override
  public String id() {
    return "gaussian";
  }

  @Override
  public double logPdf(double y, double mu, double sigma) {
    double u = (y - mu) / sigma;
    return -0.5 * u * u - Math.log(sigma) - HALF_LOG_2PI;
  }

  @Override
  public Operand<TFloat32> logPdf(
      Ops tf,
      Operand<TFloat32> y,
      Operand<TFloat32> mu,
      Operand<TFloat32> sigma,
      Operand<TFloat32> logSigma) {
    Operand<TFloat32> u = tf.math.div(tf.math.sub(y, mu), sigma);
    Operand<TFloat32> quad = tf.math.mul(tf.constant(-0.5f), tf.math.square(u));
    return tf.math.sub(tf.math.sub(quad, logSigma), tf.constant((float) HALF_LOG_2PI));
  }

  @Override
  public double sample(double mu, double sigma, RandomGenerator rng) {
    return mu + sigma * rng.nextGaussian();
  }

  @Override
  public double variance(double sigma) {
    return sigma * sigma;
  }

  @Override
  public String toString() {
    return id();
  }
}
