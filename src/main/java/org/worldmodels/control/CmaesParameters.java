package org.worldmodels.control;

/**
 * The strategy parameters of (mu/mu_w, lambda)-CMA-ES that follow from n and lambda alone, with the
 * default values of Hansen's tutorial ("The CMA Evolution Strategy: A Tutorial", 2016, table 1,
 * positive recombination weights only).
 */
final class CmaesParameters {
  /** Number of parents: the best half of the population. */
  final int mu;

  /** Recombination weights of the mu best, decreasing, summing to 1. */
  final double[] weights;

  /** Variance-effective selection mass {@code 1 / sum w_i^2}, in [1, mu]. */
  final double muEff;

  /** Learning rate of the covariance path p_c. */
  final double cc;

  /** Learning rate of the step-size path p_sigma. */
  final double cSigma;

  /** Learning rate of the rank-one update. */
  final double c1;

  /** Learning rate of the rank-mu update. */
  final double cMu;

  /** Damping of the step-size update. */
  final double dSigma;

  /** E||N(0, I)||, approximated as in the tutorial. */
  final double chiN;

  /**
   * Generations between eigendecompositions of C. C changes by about (c1 + cmu) per generation, so
   * decomposing every 1 / (10 n (c1 + cmu)) generations keeps the sampling basis fresh while making
   * the O(n^3) decomposition a small share of the O(n^2) work of a generation.
   */
  final int eigenInterval;

  CmaesParameters(int n, int lambda) {
    mu = lambda / 2;
    weights = new double[mu];
    double sum = 0;
    for (int i = 0; i < mu; i++) {
      weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      sum += weights[i];
    }
    double sumSquares = 0;
    for (int i = 0; i < mu; i++) {
      weights[i] /= sum;
      sumSquares += weights[i] * weights[i];
    }
    muEff = 1 / sumSquares;

    cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
    cSigma = (muEff + 2) / (n + muEff + 5);
    c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
    cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2.0) * (n + 2.0) + muEff));
    dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
    chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
    eigenInterval = Math.max(1, (int) Math.floor(1 / (10 * n * (c1 + cMu))));
  }
}
