package org.worldmodels.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;
import org.worldmodels.util.Check;

/**
 * Everything a {@link Cmaes} run needs to go on exactly as if it had never stopped: {@link
 * Cmaes#restore} of a state taken with {@link Cmaes#state} asks the same candidates, bit for bit,
 * as the original run would have. No random-generator state is needed because generation g always
 * draws from the stream keyed by (seed, g).
 *
 * <p>The arrays are copied on the way in and out.
 *
 * @param config the run's settings
 * @param mean distribution mean m, shape [n]
 * @param sigma step size, > 0
 * @param covariance C, shape [n, n], symmetric
 * @param eigenvectors B, the columns are the eigenvectors of C at the last decomposition, [n, n]
 * @param axisLengths D, square roots of the eigenvalues of C at the last decomposition, [n]
 * @param sigmaPath p_sigma, the conjugate evolution path, [n]
 * @param covariancePath p_c, the evolution path of the rank-one update, [n]
 * @param generation number of completed {@code tell}s
 * @param eigenGeneration the generation at which B and D were last computed
 * @param best the best candidate told so far (the initial mean before any tell), [n]
 * @param bestFitness its fitness (+infinity before any tell)
 */
public record CmaesState(
    @JsonProperty("config") CmaesConfig config,
    @JsonProperty("mean") double[] mean,
    @JsonProperty("sigma") double sigma,
    @JsonProperty("covariance") double[][] covariance,
    @JsonProperty("eigenvectors") double[][] eigenvectors,
    @JsonProperty("axis_lengths") double[] axisLengths,
    @JsonProperty("sigma_path") double[] sigmaPath,
    @JsonProperty("covariance_path") double[] covariancePath,
    @JsonProperty("generation") int generation,
    @JsonProperty("eigen_generation") int eigenGeneration,
    @JsonProperty("best") double[] best,
    @JsonProperty("best_fitness") double bestFitness) {

  /** Checks that every array has the config's dimension and copies it. */
  public CmaesState {
    if (config == null) {
      throw new IllegalArgumentException("CmaesState config must not be null");
    }
    int n = config.dimension();
    mean = vector("mean", mean, n);
    Check.positiveFinite("sigma", sigma);
    covariance = matrix("covariance", covariance, n);
    eigenvectors = matrix("eigenvectors", eigenvectors, n);
    axisLengths = vector("axisLengths", axisLengths, n);
    sigmaPath = vector("sigmaPath", sigmaPath, n);
    covariancePath = vector("covariancePath", covariancePath, n);
    Check.inRange("generation", generation, 0, Integer.MAX_VALUE);
    Check.inRange("eigenGeneration", eigenGeneration, 0, generation);
    best = vector("best", best, n);
    if (Double.isNaN(bestFitness)) {
      throw new IllegalArgumentException("bestFitness must not be NaN");
    }
    for (int i = 0; i < n; i++) {
      Check.positiveFinite("axisLengths[" + i + "]", axisLengths[i]);
    }
  }

  private static double[] vector(String name, double[] v, int n) {
    if (v == null || v.length != n) {
      throw new IllegalArgumentException(
          name
              + " must have shape ["
              + n
              + "], found "
              + (v == null ? "null" : "[" + v.length + "]"));
    }
    return v.clone();
  }

  private static double[][] matrix(String name, double[][] m, int n) {
    if (m == null || m.length != n) {
      throw new IllegalArgumentException(
          name
              + " must have shape ["
              + n
              + ", "
              + n
              + "], found "
              + (m == null ? "null" : m.length + " rows"));
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      if (m[i] == null || m[i].length != n) {
        throw new IllegalArgumentException(
            name
                + " row "
                + i
                + " must have length "
                + n
                + ", found "
                + (m[i] == null ? "null" : m[i].length));
      }
      copy[i] = m[i].clone();
    }
    return copy;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] covariance() {
    return copy(covariance);
  }

  @Override
  public double[][] eigenvectors() {
    return copy(eigenvectors);
  }

  @Override
  public double[] axisLengths() {
    return axisLengths.clone();
  }

  @Override
  public double[] sigmaPath() {
    return sigmaPath.clone();
  }

  @Override
  public double[] covariancePath() {
    return covariancePath.clone();
  }

  @Override
  public double[] best() {
    return best.clone();
  }

  /** Equal when every field is bitwise equal, so two runs can be compared exactly. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CmaesState s
        && config.equals(s.config)
        && Arrays.equals(mean, s.mean)
        && Double.compare(sigma, s.sigma) == 0
        && Arrays.deepEquals(covariance, s.covariance)
        && Arrays.deepEquals(eigenvectors, s.eigenvectors)
        && Arrays.equals(axisLengths, s.axisLengths)
        && Arrays.equals(sigmaPath, s.sigmaPath)
        && Arrays.equals(covariancePath, s.covariancePath)
        && generation == s.generation
        && eigenGeneration == s.eigenGeneration
        && Arrays.equals(best, s.best)
        && Double.compare(bestFitness, s.bestFitness) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        config,
        Arrays.hashCode(mean),
        sigma,
        Arrays.deepHashCode(covariance),
        generation,
        Double.hashCode(bestFitness));
  }

  /** A summary; the matrices are left out. */
  @Override
  public String toString() {
    return "CmaesState("
        + config
        + ", generation="
        + generation
        + ", sigma="
        + sigma
        + ", bestFitness="
        + bestFitness
        + ")";
  }
}
