package org.worldmodels.mdn;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An immutable one-dimensional mixture of {@code K} components of one {@link ComponentFamily}:
 * {@code p(y) = sum_k pi_k p_k(y | mu_k, sigma_k)} with {@code pi = softmax(logit)}. This is one
 * target dimension of an MDN head's output, in plain Java.
 *
 * <pre>{@code
 * Mixture m = Mixture.of(new Gaussian(), new double[] {0, 0}, new double[] {0, 1},
 *     new double[] {1, 1});
 * m.mean();        // 0.5
 * m.mode();        // 0.5 (two equal overlapping components merge into one peak)
 * m.sample(Temperature.of(0.5), new SplittableRandom(7));
 * }</pre>
 *
 * <p>Densities are computed in log space, {@code logsumexp_k(logSoftmax(logit)_k + log p_k(y))}, as
 * the training loss does; extreme logits such as {@code {1000, -1000}} stay finite.
 */
public final class Mixture {
  private final ComponentFamily family;
  private final double[] logits;
  private final double[] mu;
  private final double[] sigma;

  /** {@code logSoftmax(logits)}: the log weights used by every density evaluation. */
  private final double[] logPi;

  /** The largest logit; the softmax is computed from {@code logit - maxLogit <= 0}. */
  private final double maxLogit;

  /**
   * Running sums of {@code exp(logit_k - maxLogit)}, the unnormalised weights at weight temperature
   * 1, for picking a component with one uniform draw.
   */
  private final double[] cumulative;

  private Mixture(ComponentFamily family, double[] logits, double[] mu, double[] sigma) {
    this.family = family;
    this.logits = logits;
    this.mu = mu;
    this.sigma = sigma;
    this.logPi = LogMath.logSoftmax(logits);
    this.maxLogit = Arrays.stream(logits).max().orElseThrow();
    this.cumulative = cumulativeWeights(1.0);
  }

  /**
   * A mixture of {@code K = logits.length} components; the arrays are copied.
   *
   * @param family the components' distribution family
   * @param logits unnormalised log weights: finite, or {@code -Infinity} for a component of weight
   *     0, with at least one finite
   * @param mu component locations, finite
   * @param sigma component scales, finite and {@code > 0}
   * @throws IllegalArgumentException naming the offending entry and its value, or the lengths
   */
  public static Mixture of(ComponentFamily family, double[] logits, double[] mu, double[] sigma) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(logits, "logits");
    Objects.requireNonNull(mu, "mu");
    Objects.requireNonNull(sigma, "sigma");
    int k = logits.length;
    if (k < 1 || mu.length != k || sigma.length != k) {
      throw new IllegalArgumentException(
          "logits, mu and sigma must have the same length K >= 1, got "
              + logits.length
              + ", "
              + mu.length
              + ", "
              + sigma.length);
    }
    boolean anyFinite = false;
    for (int i = 0; i < k; i++) {
      if (Double.isNaN(logits[i]) || logits[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "logit[" + i + "] must be finite or -Infinity, got " + logits[i]);
      }
      anyFinite |= Double.isFinite(logits[i]);
      if (!Double.isFinite(mu[i])) {
        throw new IllegalArgumentException("mu[" + i + "] must be finite, got " + mu[i]);
      }
      if (!(sigma[i] > 0 && Double.isFinite(sigma[i]))) {
        throw new IllegalArgumentException(
            "sigma[" + i + "] must be finite and > 0, got " + sigma[i]);
      }
    }
    if (!anyFinite) {
      throw new IllegalArgumentException(
          "at least one logit must be finite, got " + Arrays.toString(logits));
    }
    return new Mixture(family, logits.clone(), mu.clone(), sigma.clone());
  }

  /** The components' family. */
  public ComponentFamily family() {
    return family;
  }

  /** The number of components {@code K}. */
  public int size() {
    return logits.length;
  }

  /** A copy of the logits. */
  public double[] logits() {
    return logits.clone();
  }

  /** A copy of the component locations. */
  public double[] mu() {
    return mu.clone();
  }

  /** A copy of the component scales. */
  public double[] sigma() {
    return sigma.clone();
  }

  /** The mixture weights {@code softmax(logits)}. */
  public double[] weights() {
    double[] w = new double[logPi.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.exp(logPi[k]);
    }
    return w;
  }

  /** The log mixture weights {@code logSoftmax(logits)}, exact where the weights underflow. */
  public double[] logWeights() {
    return logPi.clone();
  }

  /** {@code log p(y)}, never through the product form {@code log(sum_k pi_k p_k(y))}. */
  public double logDensity(double y) {
    double[] terms = new double[logPi.length];
    for (int k = 0; k < terms.length; k++) {
      terms[k] = logPi[k] + family.logPdf(y, mu[k], sigma[k]);
    }
    return LogMath.logSumExp(terms);
  }

  /** {@code p(y) = exp(logDensity(y))}; may underflow to 0 far in the tails. */
  public double density(double y) {
    return Math.exp(logDensity(y));
  }

  /** {@code E[y] = sum_k pi_k E_k[y]}. */
  public double mean() {
    double m = 0;
    for (int k = 0; k < logPi.length; k++) {
      m += Math.exp(logPi[k]) * family.mean(mu[k], sigma[k]);
    }
    return m;
  }

  /**
   * {@code Var[y]} by the law of total variance: {@code sum_k pi_k (Var_k + (E_k - E)^2)}. The
   * centred form avoids the cancellation of {@code E[y^2] - E[y]^2} when the mean is large.
   */
  public double variance() {
    double m = mean();
    double v = 0;
    for (int k = 0; k < logPi.length; k++) {
      double d = family.mean(mu[k], sigma[k]) - m;
      v += Math.exp(logPi[k]) * (family.variance(sigma[k]) + d * d);
    }
    return v;
  }

  /** The index of the largest weight (the lowest index on ties). */
  public int heaviestComponent() {
    int best = 0;
    for (int k = 1; k < logits.length; k++) {
      if (logits[k] > logits[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * The most probable point: the argmax of the mixture density, to about {@code 1e-8} of the scale
   * of the components around it. It differs from the heaviest component's mean when components
   * overlap. Works for any family; see {@link MixtureMode} for how.
   */
  public double mode() {
    return MixtureMode.of(this);
  }

  /**
   * The mixture at temperature {@code t} (World Models): weights {@code softmax(logit /
   * t.weight())}, scales {@code sigma * sqrt(t.scale())}, locations unchanged. The new logits are
   * {@code (logit - max logit) / t.weight()}, a shift that leaves the weights as they are but keeps
   * a small temperature from overflowing them. {@link Temperature#ONE} returns this mixture.
   *
   * @throws IllegalArgumentException if a tempered scale underflows to 0
   */
  public Mixture tempered(Temperature t) {
    if (t.weight() == 1 && t.scale() == 1) {
      return this;
    }
    double[] l = new double[logits.length];
    double[] s = new double[sigma.length];
    double sqrtScale = Math.sqrt(t.scale());
    for (int k = 0; k < l.length; k++) {
      l[k] = (logits[k] - maxLogit) / t.weight();
      s[k] = sigma[k] * sqrtScale;
    }
    return of(family, l, mu, s);
  }

  /**
   * One draw at temperature {@code t}, distributed as {@code tempered(t).sample(rng)} and equal to
   * it bit for bit.
   *
   * <p>The draws taken from {@code rng} are always, in this order: one {@code nextDouble()} that
   * picks the component by inverting the cumulative weights, then the family's own draws for that
   * component, whose number and kind depend only on the stream and never on the mixture (one {@code
   * nextGaussian()} for {@link Gaussian}, one {@code nextDouble()} for {@link Laplace}). So two
   * streams with one seed stay aligned whatever mixtures and temperatures they sample, and a
   * dreamed row's randomness depends on its stream alone.
   */
  public double sample(Temperature t, RandomGenerator rng) {
    int k = pickComponent(t.weight(), rng.nextDouble());
    return family.sample(mu[k], sigma[k] * Math.sqrt(t.scale()), rng);
  }

  /** One draw from the mixture as it is: {@code sample(Temperature.ONE, rng)}. */
  public double sample(RandomGenerator rng) {
    return sample(Temperature.ONE, rng);
  }

  /**
   * The component whose cumulative-weight interval holds {@code u}, for weights {@code
   * softmax(logit / tauWeight)} and {@code u} in {@code [0, 1)}. A component of weight 0 (also one
   * underflowed by a small temperature) is never picked.
   */
  int pickComponent(double tauWeight, double u) {
    double[] c = tauWeight == 1 ? cumulative : cumulativeWeights(tauWeight);
    // The heaviest term is exp(0) = 1, so the total is >= 1 and never underflows.
    double target = u * c[c.length - 1];
    for (int k = 0; k < c.length; k++) {
      if (target < c[k]) {
        return k;
      }
    }
    // u * total rounded up to total: the last component of positive weight owns that end.
    for (int k = c.length - 1; k > 0; k--) {
      if (c[k] > c[k - 1]) {
        return k;
      }
    }
    return 0;
  }

  /**
   * Running sums of {@code exp((logit_k - maxLogit) / tau)}. The same expression as the logits of
   * {@link #tempered}, so tempering first and sampling at temperature 1 picks the same component.
   */
  private double[] cumulativeWeights(double tau) {
    double[] c = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < c.length; k++) {
      sum += Math.exp((logits[k] - maxLogit) / tau);
      c[k] = sum;
    }
    return c;
  }

  // Unchecked views for MixtureMode, which must not pay for defensive copies per evaluation.

  double mu(int k) {
    return mu[k];
  }

  double sigma(int k) {
    return sigma[k];
  }

  double logWeight(int k) {
    return logPi[k];
  }

  @Override
  public String toString() {
    return "Mixture{family="
        + family.id()
        + ", logits="
        + Arrays.toString(logits)
        + ", mu="
        + Arrays.toString(mu)
        + ", sigma="
        + Arrays.toString(sigma)
        + "}";
  }
}
