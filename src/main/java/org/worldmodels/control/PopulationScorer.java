package org.worldmodels.control;

/**
 * Scores a CMA-ES population: "how well does each of these parameter vectors do", as {@code
 * [candidate][rollout]} returns. Candidates go in as plain parameter vectors (with the {@link
 * ControllerSpec} that reads them) so that an implementation may ship them elsewhere, for example
 * to a cluster; {@link DreamPopulationScorer} scores them in-process in one batched dream.
 *
 * <pre>{@code
 * try (PopulationScorer scorer = new DreamPopulationScorer(...)) {
 *   double[][] returns = scorer.score(spec, cmaes.ask(), generation); // [candidates][rollouts]
 * }
 * }</pre>
 *
 * <p>A scorer must give the same returns for the same (spec, candidates, generation): {@link
 * CmaesSearch} relies on it to resume a search with the same bits.
 */
public interface PopulationScorer extends AutoCloseable {
  /**
   * The returns of each candidate.
   *
   * @param spec how to read a parameter vector as a controller
   * @param candidates parameter vectors, {@code [candidates][spec.parameterCount()]}
   * @param generation the CMA-ES generation (0-based; the final mean is scored as generation G),
   *     which, with the candidate's index and the rollout's, keys each rollout's random stream
   * @return {@code [candidates][rollouts]} returns, higher is better
   * @throws IllegalArgumentException if a candidate does not fit {@code spec}
   */
  double[][] score(ControllerSpec spec, double[][] candidates, int generation);

  /** Releases what the scorer holds; scoring afterwards is refused. */
  @Override
  void close();
}
