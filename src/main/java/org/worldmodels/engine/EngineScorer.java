package org.worldmodels.engine;

import java.util.ArrayList;
import java.util.List;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.DreamPopulationScorer;
import org.worldmodels.control.PopulationScorer;
import org.worldmodels.util.Check;

/**
 * Scores a generation on an engine: the population is cut into the blocks {@link
 * DreamPopulationScorer} dreams in-process ({@link DreamPopulationScorer#CANDIDATES_PER_BLOCK}
 * candidates each), every block is one unit of work dreamed as one batch where the engine runs it,
 * and the returns come back in candidate order. So the returns are those of the in-process scorer,
 * bit for bit.
 */
final class EngineScorer implements PopulationScorer {
  private final Engine engine;
  private final EngineWork.Scoring work;
  private boolean closed;

  EngineScorer(Engine engine, ControlJob job) {
    this.engine = engine;
    this.work = new EngineWork.Scoring(job);
  }

  @Override
  public double[][] score(ControllerSpec spec, double[][] candidates, int generation) {
    Check.state(!closed, "EngineScorer is closed");
    Check.argument(
        candidates != null && candidates.length > 0, "no candidates to score; expected at least 1");
    List<EngineWork.CandidateBlock> blocks = new ArrayList<>();
    for (int first = 0;
        first < candidates.length;
        first += DreamPopulationScorer.CANDIDATES_PER_BLOCK) {
      blocks.add(
          new EngineWork.CandidateBlock(
              first, DreamPopulationScorer.blockOf(candidates, first), generation));
    }
    double[][] out = new double[candidates.length][];
    int at = 0;
    for (double[][] b : engine.map(blocks, work)) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }
}
