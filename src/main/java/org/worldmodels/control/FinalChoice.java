package org.worldmodels.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.worldmodels.util.Progress;

/**
 * Chooses the controller a {@link CmaesSearch} ends with. CMA-ES converges to its distribution's
 * mean, but a search stopped before its step size has shrunk (a large controller, a noisy dream)
 * can end with a mean far worse than the candidates around it: with 1,105 parameters and sigma
 * still near 0.4, a Pendulum mean scored -558 in the dream while its population averaged -240. Nor
 * is the best candidate seen a safe pick: it won on a few noisy rollouts. So the search ends with a
 * contest on dreams no generation saw (keys after the last generation {@code G}):
 *
 * <ol>
 *   <li><b>screen</b> (key {@code G}): the mean, the best candidate so far, the incumbent if any (a
 *       previous round's controller) and one more population drawn from the final distribution,
 *       each on {@code rollouts} dreams of its own;
 *   <li><b>final</b> (keys {@code G+1 .. G+}{@link #FINAL_KEYS}): the mean, the incumbent and the
 *       {@link #FINALISTS} best of the screen, each scored as candidate 0 of every key, so on the
 *       same dreams (common random numbers); the highest mean return wins, ties going to the
 *       earlier in that order (the mean first);
 *   <li><b>report</b> (the next {@link #FINAL_KEYS} keys): the winner's mean return on fresh
 *       dreams, not the ones it won on, so the figure is not biased up by the choice.
 * </ol>
 *
 * <p>It costs about one generation and a half. Every score goes through the search's {@link
 * PopulationScorer} with the usual (candidates, key) arguments, so every engine gets the same bits,
 * and a search resumed from its final state chooses the same controller again.
 */
final class FinalChoice {
  /** Finalists taken from the screen, besides the mean and the incumbent. */
  static final int FINALISTS = 4;

  /** Keys (each {@code rollouts} dreams) in the final, and again in the report. */
  static final int FINAL_KEYS = 4;

  private FinalChoice() {}

  /**
   * A contestant.
   *
   * @param label "mean", "best", "incumbent" or "sample K" (K from 0, in the order CMA-ES drew
   *     them)
   * @param parameters its parameter vector
   */
  record Contestant(String label, double[] parameters) {}

  /**
   * The outcome.
   *
   * @param chosen the winner
   * @param dreamMeanReturn its mean return over the report's fresh dreams
   */
  record Outcome(Contestant chosen, double dreamMeanReturn) {}

  /**
   * Runs the contest for a search that has told {@code cmaes} its last generation.
   *
   * @param incumbent a controller to keep unless a contestant beats it (of {@code spec}'s size,
   *     checked by the search); null for none
   */
  static Outcome choose(
      PopulationScorer scorer,
      ControllerSpec spec,
      Cmaes cmaes,
      double[] incumbent,
      Progress progress) {
    int g = cmaes.generation();
    List<Contestant> field = new ArrayList<>();
    field.add(new Contestant("mean", cmaes.mean()));
    field.add(new Contestant("best", cmaes.best()));
    if (incumbent != null) {
      field.add(new Contestant("incumbent", incumbent.clone()));
    }
    double[][] samples = cmaes.ask();
    for (int k = 0; k < samples.length; k++) {
      field.add(new Contestant("sample " + k, samples[k]));
    }
    List<Contestant> finalists =
        finalists(field, screen(scorer, spec, field, g), incumbent != null);
    progress.start("choose", (long) (finalists.size() + 1) * FINAL_KEYS);
    int calls = 0;
    Contestant winner = null;
    double winnerReturn = Double.NEGATIVE_INFINITY;
    for (Contestant c : finalists) {
      double r = 0;
      for (int k = 1; k <= FINAL_KEYS; k++) {
        r += meanReturn(scorer.score(spec, new double[][] {c.parameters()}, g + k));
        progress.update(++calls, c.label());
      }
      if (winner == null || r > winnerReturn) {
        winner = c;
        winnerReturn = r;
      }
    }
    double report = 0;
    for (int k = FINAL_KEYS + 1; k <= 2 * FINAL_KEYS; k++) {
      report += meanReturn(scorer.score(spec, new double[][] {winner.parameters()}, g + k));
      progress.update(++calls, "report");
    }
    progress.finish();
    return new Outcome(winner, report / FINAL_KEYS);
  }

  private static double[] screen(
      PopulationScorer scorer, ControllerSpec spec, List<Contestant> field, int g) {
    double[][] candidates = new double[field.size()][];
    for (int i = 0; i < candidates.length; i++) {
      candidates[i] = field.get(i).parameters();
    }
    return CmaesSearch.meanReturns(scorer.score(spec, candidates, g), candidates.length);
  }

  /**
   * The mean, the incumbent, then the best {@link #FINALISTS} others of the screen, best first (the
   * best candidate so far earns its place on the screen like a sample).
   */
  static List<Contestant> finalists(
      List<Contestant> field, double[] screened, boolean hasIncumbent) {
    List<Contestant> out = new ArrayList<>(field.subList(0, 1));
    if (hasIncumbent) {
      out.add(field.get(2));
    }
    Integer[] order = new Integer[field.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable: equal scores keep the field's order.
    Arrays.sort(order, (a, b) -> Double.compare(screened[b], screened[a]));
    int taken = 0;
    for (int i : order) {
      if (taken == FINALISTS) {
        break;
      }
      boolean alreadyIn = i == 0 || (hasIncumbent && i == 2);
      if (!alreadyIn) {
        out.add(field.get(i));
        taken++;
      }
    }
    return out;
  }

  private static double meanReturn(double[][] returns) {
    return CmaesSearch.meanReturns(returns, 1)[0];
  }
}
