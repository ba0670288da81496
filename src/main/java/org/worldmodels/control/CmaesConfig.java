package org.worldmodels.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.worldmodels.util.Check;

/**
 * Settings of a {@link Cmaes} run.
 *
 * <pre>{@code
 * CmaesConfig c = CmaesConfig.of(867, 0.1, 7);   // population 4 + floor(3 ln 867) = 24
 * CmaesConfig big = c.withPopulationSize(64);
 * }</pre>
 *
 * @param dimension number of parameters n, in [1, {@value #MAX_DIMENSION}]; the covariance matrix
 *     takes 2 n^2 doubles (C and its eigenvectors)
 * @param populationSize candidates per generation (lambda), at least 2
 * @param initialSigma the initial step size, finite and > 0; about a quarter of the width of the
 *     region the optimum is believed to lie in is a common choice
 * @param seed generation g draws its normals from the stream keyed by (seed, g)
 */
public record CmaesConfig(
    @JsonProperty("dimension") int dimension,
    @JsonProperty("population_size") int populationSize,
    @JsonProperty("initial_sigma") double initialSigma,
    @JsonProperty("seed") long seed) {
  /** Largest dimension accepted: C and B then take 400 MB. */
  public static final int MAX_DIMENSION = 5000;

  /** Largest population accepted. */
  public static final int MAX_POPULATION_SIZE = 1_000_000;

  /** Validates every field. */
  public CmaesConfig {
    Check.inRange("dimension", dimension, 1, MAX_DIMENSION);
    Check.inRange("populationSize", populationSize, 2, MAX_POPULATION_SIZE);
    Check.positiveFinite("initialSigma", initialSigma);
  }

  /** A config with the default population size for {@code dimension}. */
  public static CmaesConfig of(int dimension, double initialSigma, long seed) {
    Check.inRange("dimension", dimension, 1, MAX_DIMENSION);
    return new CmaesConfig(dimension, defaultPopulationSize(dimension), initialSigma, seed);
  }

  /** Hansen's default lambda: {@code 4 + floor(3 ln n)}. */
  public static int defaultPopulationSize(int dimension) {
    Check.inRange("dimension", dimension, 1, MAX_DIMENSION);
    return 4 + (int) Math.floor(3 * Math.log(dimension));
  }

  /** A copy with another population size. */
  public CmaesConfig withPopulationSize(int populationSize) {
    return new CmaesConfig(dimension, populationSize, initialSigma, seed);
  }

  /** A copy with another seed. */
  public CmaesConfig withSeed(long seed) {
    return new CmaesConfig(dimension, populationSize, initialSigma, seed);
  }
}
