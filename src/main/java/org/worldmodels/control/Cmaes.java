package org.worldmodels.control;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.worldmodels.util.Seeds;

/**
 * The (mu/mu_w, lambda)-CMA-ES of Hansen's tutorial ("The CMA Evolution Strategy: A Tutorial",
 * arXiv:1604.00772), with an ask/tell interface so that a whole population can be scored at once,
 * for example in one batched dreamed rollout.
 *
 * <p><b>Lower fitness is better.</b> Controllers that maximise a return pass its negation.
 *
 * <pre>{@code
 * Cmaes es = new Cmaes(CmaesConfig.of(10, 0.5, 7), initialMean);
 * while (es.bestFitness() > 1e-10) {      // +infinity before the first tell
 *   double[][] x = es.ask();              // lambda candidates, shape [lambda, n]
 *   double[] f = new double[x.length];
 *   for (int k = 0; k < x.length; k++) f[k] = objective(x[k]);
 *   es.tell(x, f);
 * }
 * }</pre>
 *
 * <p>One generation samples {@code x_k = m + sigma B D z_k} with {@code z_k ~ N(0, I)}, moves the
 * mean to the weighted mean of the best mu, updates the evolution paths p_sigma and p_c, adapts C
 * by a rank-one (p_c) and a rank-mu (the selected steps) update and adapts sigma by cumulative
 * step-size adaptation, with h_sigma stalling p_c while ||p_sigma|| is large. C is kept exactly
 * symmetric; its eigendecomposition ({@link org.worldmodels.tf.SymmetricEigen}) is refreshed every
 * max(1, floor(1 / (10 n (c1 + cmu)))) generations, as the tutorial suggests (every generation for
 * small n).
 *
 * <p>Generation g draws its normals from {@link Seeds#stream}(seed, g), so equal configs ask
 * bitwise-equal candidates, and {@link #state()} / {@link #restore} resume a run exactly.
 */
public final class Cmaes {
  private final CmaesConfig config;
  private final CmaesParameters p;
  private final int n;

  private final double[] mean;
  private double sigma;
  private final double[][] c;
  private EigenBasis basis;
  private final double[] pSigma;
  private final double[] pC;
  private int generation;
  private int eigenGeneration;
  private double[] best;
  private double bestFitness;

  /** The population asked and not yet told: candidates x and their steps y = (x - m) / sigma. */
  private double[][] pendingX;

  private double[][] pendingY;

  /** Starts at the origin with C = I. */
  public Cmaes(CmaesConfig config) {
    this(config, new double[requireConfig(config).dimension()]);
  }

  /**
   * Starts at {@code initialMean} with C = I and sigma = {@code config.initialSigma()}.
   *
   * @throws IllegalArgumentException if the mean's length is not the config's dimension or it has a
   *     non-finite entry
   */
  public Cmaes(CmaesConfig config, double[] initialMean) {
    this(initialState(config, checkedMean(config, initialMean)));
  }

  private static CmaesState initialState(CmaesConfig config, double[] mean) {
    int n = config.dimension();
    EigenBasis identity = EigenBasis.identity(n);
    return new CmaesState(
        config,
        mean,
        config.initialSigma(),
        identity.eigenvectors(), // C = I = B, D = 1
        identity.eigenvectors(),
        identity.axisLengths(),
        new double[n],
        new double[n],
        0,
        0,
        mean,
        Double.POSITIVE_INFINITY);
  }

  private Cmaes(CmaesState s) {
    config = s.config();
    n = config.dimension();
    p = new CmaesParameters(n, config.populationSize());
    mean = s.mean();
    sigma = s.sigma();
    c = s.covariance();
    basis = new EigenBasis(s.eigenvectors(), s.axisLengths());
    pSigma = s.sigmaPath();
    pC = s.covariancePath();
    generation = s.generation();
    eigenGeneration = s.eigenGeneration();
    best = s.best();
    bestFitness = s.bestFitness();
  }

  /** Resumes a run from a snapshot taken with {@link #state()}. */
  public static Cmaes restore(CmaesState state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    return new Cmaes(state);
  }

  /**
   * A snapshot of the run. A population asked but not told is not part of it: after {@link
   * #restore}, {@link #ask()} returns that same population again.
   */
  public CmaesState state() {
    return new CmaesState(
        config,
        mean,
        sigma,
        c,
        basis.eigenvectors(),
        basis.axisLengths(),
        pSigma,
        pC,
        generation,
        eigenGeneration,
        best,
        bestFitness);
  }

  /**
   * The candidates of the current generation, shape [lambda, n]. Asking again before {@link #tell}
   * returns the same candidates.
   *
   * @return fresh arrays the caller may keep; pass them (or equal copies) back to {@link #tell}
   */
  public double[][] ask() {
    if (pendingX == null) {
      sample();
    }
    return copy(pendingX);
  }

  private void sample() {
    int lambda = config.populationSize();
    SplittableRandom rng = Seeds.stream(config.seed(), generation);
    pendingX = new double[lambda][n];
    pendingY = new double[lambda][n];
    double[] z = new double[n];
    for (int k = 0; k < lambda; k++) {
      for (int j = 0; j < n; j++) {
        z[j] = rng.nextGaussian();
      }
      basis.scale(z, pendingY[k]);
      for (int i = 0; i < n; i++) {
        pendingX[k][i] = mean[i] + sigma * pendingY[k][i];
      }
    }
  }

  /**
   * Ranks the candidates of the current generation and updates the distribution.
   *
   * @param candidates exactly what {@link #ask()} returned, in the same order, shape [lambda, n]
   * @param fitness one value per candidate; lower is better; +infinity is allowed (a failed
   *     candidate), NaN is not
   * @throws IllegalStateException if {@link #ask()} was not called since the last tell
   * @throws IllegalArgumentException if the candidates are not the ones asked or the fitness values
   *     do not match them
   */
  public void tell(double[][] candidates, double[] fitness) {
    if (pendingX == null) {
      throw new IllegalStateException("call ask before tell (generation " + generation + ")");
    }
    checkCandidates(candidates);
    checkFitness(fitness, candidates.length);
    update(rank(fitness), fitness);
    pendingX = null;
    pendingY = null;
  }

  private void checkCandidates(double[][] candidates) {
    int lambda = pendingX.length;
    if (candidates == null || candidates.length != lambda) {
      throw new IllegalArgumentException(
          "tell got "
              + (candidates == null ? "null" : candidates.length + " candidates")
              + ", but ask returned "
              + lambda
              + " in generation "
              + generation);
    }
    for (int k = 0; k < lambda; k++) {
      if (candidates[k] == null || candidates[k].length != n) {
        throw new IllegalArgumentException(
            "candidate "
                + k
                + " has dimension "
                + (candidates[k] == null ? "null" : candidates[k].length)
                + ", expected "
                + n);
      }
      if (!Arrays.equals(candidates[k], pendingX[k])) {
        throw new IllegalArgumentException(
            "candidate "
                + k
                + " is not the one ask returned at that position in generation "
                + generation
                + "; pass back the arrays from ask, unchanged and in order");
      }
    }
  }

  private static void checkFitness(double[] fitness, int lambda) {
    if (fitness == null || fitness.length != lambda) {
      throw new IllegalArgumentException(
          "fitness has "
              + (fitness == null ? "no" : String.valueOf(fitness.length))
              + " values for "
              + lambda
              + " candidates");
    }
    for (int k = 0; k < lambda; k++) {
      if (Double.isNaN(fitness[k])) {
        throw new IllegalArgumentException(
            "fitness["
                + k
                + "] is NaN; lower is better, use +infinity for a candidate that failed");
      }
    }
  }

  /** Candidate indices from best to worst; ties keep the order of ask. */
  private static int[] rank(double[] fitness) {
    Integer[] order = new Integer[fitness.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (i, j) -> Double.compare(fitness[i], fitness[j])); // stable
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private void update(int[] order, double[] fitness) {
    if (generation == 0 || fitness[order[0]] < bestFitness) {
      best = pendingX[order[0]].clone();
      bestFitness = fitness[order[0]];
    }

    // Weighted mean of the selected steps; the mean moves by sigma times it.
    double[] yw = new double[n];
    for (int r = 0; r < p.mu; r++) {
      double[] y = pendingY[order[r]];
      for (int i = 0; i < n; i++) {
        yw[i] += p.weights[r] * y[i];
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] += sigma * yw[i];
    }

    // p_sigma accumulates C^(-1/2) y_w, which is N(0, I) under random selection.
    double[] invSqrtCyw = basis.whiten(yw);
    double sigmaNorm = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
    double psNormSquared = 0;
    for (int i = 0; i < n; i++) {
      pSigma[i] = (1 - p.cSigma) * pSigma[i] + sigmaNorm * invSqrtCyw[i];
      psNormSquared += pSigma[i] * pSigma[i];
    }
    double psNorm = Math.sqrt(psNormSquared);

    // h_sigma stops p_c while p_sigma is long, so a fast-growing sigma does not also inflate C.
    double bias = 1 - Math.pow(1 - p.cSigma, 2.0 * (generation + 1));
    boolean hSigma = psNorm / Math.sqrt(bias) / p.chiN < 1.4 + 2.0 / (n + 1);
    double cNorm = Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
    for (int i = 0; i < n; i++) {
      pC[i] = (1 - p.cc) * pC[i] + (hSigma ? cNorm * yw[i] : 0);
    }

    // Rank-one and rank-mu updates; the (1 - h_sigma) term makes up for the variance p_c lost.
    double decay = 1 - p.c1 - p.cMu + (hSigma ? 0 : p.c1 * p.cc * (2 - p.cc));
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double rankMu = 0;
        for (int r = 0; r < p.mu; r++) {
          double[] y = pendingY[order[r]];
          rankMu += p.weights[r] * y[i] * y[j];
        }
        double cij = decay * c[i][j] + p.c1 * pC[i] * pC[j] + p.cMu * rankMu;
        c[i][j] = cij;
        c[j][i] = cij; // computed once, so C stays exactly symmetric
      }
    }

    // Cumulative step-size adaptation: lengthen sigma when p_sigma is longer than expected.
    sigma *= Math.exp(p.cSigma / p.dSigma * (psNorm / p.chiN - 1));

    generation++;
    if (generation - eigenGeneration >= p.eigenInterval) {
      basis = EigenBasis.of(c);
      eigenGeneration = generation;
    }
  }

  /** The distribution mean m, a copy. */
  public double[] mean() {
    return mean.clone();
  }

  /** The step size sigma. */
  public double sigma() {
    return sigma;
  }

  /**
   * The candidate with the lowest fitness told so far, a copy.
   *
   * @throws IllegalStateException before the first {@link #tell}
   */
  public double[] best() {
    if (generation == 0) {
      throw new IllegalStateException("no fitness has been told yet; call ask and tell first");
    }
    return best.clone();
  }

  /** The lowest fitness told so far; +infinity before the first {@link #tell}. */
  public double bestFitness() {
    return bestFitness;
  }

  /** Number of completed generations (tells). */
  public int generation() {
    return generation;
  }

  /** The run's settings. */
  public CmaesConfig config() {
    return config;
  }

  private static CmaesConfig requireConfig(CmaesConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return config;
  }

  private static double[] checkedMean(CmaesConfig config, double[] m) {
    requireConfig(config);
    if (m == null || m.length != config.dimension()) {
      throw new IllegalArgumentException(
          "initialMean must have length "
              + config.dimension()
              + ", found "
              + (m == null ? "null" : String.valueOf(m.length)));
    }
    for (int i = 0; i < m.length; i++) {
      if (!Double.isFinite(m[i])) {
        throw new IllegalArgumentException("initialMean[" + i + "] must be finite, got " + m[i]);
      }
    }
    return m;
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
