package org.worldmodels.mdn;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;

/** Random mixtures, an independent commons-math3 oracle and quadrature for the Mixture tests. */
final class MixtureFixtures {
  private MixtureFixtures() {}

  /**
   * A mixture of 1 to {@code maxK} components: logits in [-2, 2], locations in [-3, 3], scales
   * log-uniform in [0.1, 2], so components overlap often and sometimes stand apart.
   */
  static Mixture random(ComponentFamily family, java.util.SplittableRandom rng, int maxK) {
    int k = 1 + rng.nextInt(maxK);
    double[] logits = new double[k];
    double[] mu = new double[k];
    double[] sigma = new double[k];
    for (int i = 0; i < k; i++) {
      logits[i] = rng.nextDouble(-2, 2);
      mu[i] = rng.nextDouble(-3, 3);
      sigma[i] = Math.exp(rng.nextDouble(Math.log(0.1), Math.log(2)));
    }
    return Mixture.of(family, logits, mu, sigma);
  }

  /** The component {@code k} of {@code m} as a commons-math3 distribution. */
  static RealDistribution component(Mixture m, int k) {
    double mu = m.mu()[k];
    double sigma = m.sigma()[k];
    return switch (m.family().id()) {
      case "gaussian" -> new NormalDistribution(null, mu, sigma);
      case "laplace" -> new LaplaceDistribution(null, mu, sigma);
      default -> throw new IllegalArgumentException("no oracle for " + m.family());
    };
  }

  /** Weights computed the textbook way, {@code e^l / sum e^l}; fine for moderate logits. */
  static double[] naiveSoftmax(double[] logits, double tau) {
    double[] w = new double[logits.length];
    double z = 0;
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.exp(logits[k] / tau);
      z += w[k];
    }
    for (int k = 0; k < w.length; k++) {
      w[k] /= z;
    }
    return w;
  }

  /** {@code sum_k pi_k p_k(y)} in product space from commons-math3 densities. */
  static double oracleDensity(Mixture m, double y) {
    double[] w = naiveSoftmax(m.logits(), 1);
    double p = 0;
    for (int k = 0; k < w.length; k++) {
      p += w[k] * component(m, k).density(y);
    }
    return p;
  }

  /** {@code sum_k pi_k F_k(y)} from commons-math3, for weights {@code w}. */
  static double oracleCdf(Mixture m, double[] w, double y) {
    double c = 0;
    for (int k = 0; k < w.length; k++) {
      c += w[k] * component(m, k).cumulativeProbability(y);
    }
    return c;
  }

  /** A range holding all but ~e^-40 of every component's mass (and of the Gumbel's). */
  static double[] wideRange(Mixture m) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < m.size(); k++) {
      lo = Math.min(lo, m.mu()[k] - 40 * m.sigma()[k]);
      hi = Math.max(hi, m.mu()[k] + 40 * m.sigma()[k]);
    }
    return new double[] {lo, hi};
  }

  /**
   * {@code int f} over {@code wideRange(m)} by composite Simpson, split at every component location
   * so that Laplace kinks sit on piece ends (Simpson would lose two orders inside a kink), with a
   * step of 1/50 of the smallest scale. Simpson's error is then about {@code (h/sigma)^4 / 180 =
   * 1e-9} relative, far below the 1e-6 the tests ask for.
   */
  static double integrate(Mixture m, DoubleUnaryOperator f) {
    double[] range = wideRange(m);
    double h = DoubleStream.of(m.sigma()).min().orElseThrow() / 50;
    double[] cuts =
        DoubleStream.concat(DoubleStream.of(range), DoubleStream.of(m.mu())).sorted().toArray();
    double total = 0;
    for (int i = 0; i + 1 < cuts.length; i++) {
      total += simpson(f, cuts[i], cuts[i + 1], h);
    }
    return total;
  }

  private static double simpson(DoubleUnaryOperator f, double a, double b, double h) {
    if (!(b > a)) {
      return 0;
    }
    int n = 2 * (int) Math.ceil((b - a) / (2 * h));
    double step = (b - a) / n;
    double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < n; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * step);
    }
    return sum * step / 3;
  }
}
