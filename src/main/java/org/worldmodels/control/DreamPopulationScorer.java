package org.worldmodels.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;

/**
 * Scores a population in the dream only, in-process, in fixed blocks of {@link
 * #CANDIDATES_PER_BLOCK} candidates: every rollout of every candidate of a block is one row of one
 * batched {@link DreamEnv} (see {@link DreamRolloutScores}), so a block advances with one step call
 * per time step. Nothing here reaches a real environment: the only world it is given is {@code
 * dreams}.
 *
 * <p>Why blocks: a block is the unit of work an engine ships to a worker ({@code
 * org.worldmodels.engine}), and TensorFlow's rows agree across batch sizes only to about 1e-6 (and
 * the backend is chosen by batch size), so every engine, this in-process one included, dreams the
 * same blocks with the same batch shapes and gets the same bits. {@link #scoreBlock} scores one.
 */
public final class DreamPopulationScorer implements PopulationScorer {
  /**
   * Candidates per batched dream (the last block of a population may hold fewer). Results depend on
   * it, so it is one constant for every engine. 8 keeps a block on TensorFlow for 2 or more
   * rollouts per candidate (16 rows and up) while a population of 32 still gives 4 units of work,
   * World Models' 64 x 16 gives 8 units of 128 rows; see docs/scale-out.md for what it costs.
   */
  public static final int CANDIDATES_PER_BLOCK = 8;

  private final DreamRolloutScores scores;
  private final int rollouts;
  private final int round;
  private boolean closed;

  /**
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @param options temperature, seed, done rule and backend; the batch size is set per call
   * @param starts where dreamed episodes start
   * @param maxSteps time limit of a dreamed episode
   * @param rewardHead whether the model predicts rewards (without one, a rollout scores the steps
   *     it survived)
   * @param rollouts dreamed episodes per candidate
   * @param round iterative-training round, 0 for the first (and only) one
   */
  public DreamPopulationScorer(
      Function<DreamOptions, DreamEnv> dreams,
      DreamOptions options,
      InitialLatents starts,
      int maxSteps,
      boolean rewardHead,
      int rollouts,
      int round) {
    this.scores = new DreamRolloutScores(dreams, options, starts, maxSteps, rewardHead);
    this.rollouts = Check.inRange("rollouts", rollouts, 1, 1_000_000);
    this.round = Check.inRange("round", round, 0, Integer.MAX_VALUE);
  }

  @Override
  public double[][] score(ControllerSpec spec, double[][] candidates, int generation) {
    Check.argument(
        candidates != null && candidates.length > 0, "no candidates to score; expected at least 1");
    double[][] out = new double[candidates.length][];
    for (int first = 0; first < candidates.length; first += CANDIDATES_PER_BLOCK) {
      double[][] block = blockOf(candidates, first);
      System.arraycopy(scoreBlock(spec, block, first, generation), 0, out, first, block.length);
    }
    return out;
  }

  /**
   * Scores one block as one batched dream: {@code block[c]} is candidate {@code first + c} of
   * {@code generation}, which keys its rollouts' seeds.
   *
   * @return {@code [block.length][rollouts]} returns
   */
  public double[][] scoreBlock(ControllerSpec spec, double[][] block, int first, int generation) {
    Check.state(!closed, "DreamPopulationScorer is closed");
    Check.argument(
        block != null && block.length > 0, "no candidates to score; expected at least 1");
    List<Controller> controllers = new ArrayList<>(block.length);
    for (double[] c : block) {
      controllers.add(spec.create(c));
    }
    return scores.returns(controllers, first, rollouts, round, generation);
  }

  /**
   * The block of {@code candidates} that starts at candidate {@code first} (a multiple of {@link
   * #CANDIDATES_PER_BLOCK}): the candidates every engine dreams together.
   */
  public static double[][] blockOf(double[][] candidates, int first) {
    Check.argument(
        first >= 0 && first < candidates.length && first % CANDIDATES_PER_BLOCK == 0,
        "block start " + first + ": expected a multiple of " + CANDIDATES_PER_BLOCK);
    int end = Math.min(candidates.length, first + CANDIDATES_PER_BLOCK);
    return Arrays.copyOfRange(candidates, first, end);
  }

  /** Dreams are opened and closed per call, so there is nothing else to release. */
  @Override
  public void close() {
    closed = true;
  }
}
