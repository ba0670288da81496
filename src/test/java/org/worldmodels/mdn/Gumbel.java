package org.worldmodels.mdn;

import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A skewed test family (Gumbel for maxima, location {@code mu}, scale {@code b = sigma}), whose
 * mean is not its location: {@code mean = mu + gamma b}, {@code var = pi^2 b^2 / 6}, mode {@code
 * mu}. It proves that Mixture uses the family's mean and mode rather than assuming {@code mu}.
 */
final class Gumbel implements ComponentFamily {
  static final double EULER_GAMMA = 0.5772156649015329;

  @Override
  public String id() {
    return "test-gumbel";
  }

  @Override
  public double logPdf(double y, double mu, double sigma) {
    double z = (y - mu) / sigma;
    return -(z + Math.exp(-z)) - Math.log(sigma);
  }

  @Override
  public Operand<TFloat32> logPdf(
      Ops tf,
      Operand<TFloat32> y,
      Operand<TFloat32> mu,
      Operand<TFloat32> sigma,
      Operand<TFloat32> logSigma) {
    throw new UnsupportedOperationException("test family: plain Java only");
  }

  @Override
  public double sample(double mu, double sigma, RandomGenerator rng) {
    // Inverse CDF; u stays inside (0, 1) so both logs are finite.
    double u = rng.nextDouble(Double.MIN_NORMAL, 1.0);
    return mu - sigma * Math.log(-Math.log(u));
  }

  @Override
  public double variance(double sigma) {
    return Math.PI * Math.PI * sigma * sigma / 6;
  }

  @Override
  public double mean(double mu, double sigma) {
    return mu + EULER_GAMMA * sigma;
  }
}
