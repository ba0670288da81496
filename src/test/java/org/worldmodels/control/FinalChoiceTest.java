package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.util.Progress;

/**
 * The contest that ends a search, against a scorer whose return is a known function of the
 * parameters plus noise keyed by (key, candidate index), so each pick can be worked out by hand.
 */
class FinalChoiceTest {
  private static final ControllerSpec SPEC =
      ControllerSpec.linear(2, 1, new ActionSpec.Discrete(2));
  private static final int N = SPEC.parameterCount();

  /** Returns f(parameters) + noise(key, index); records every call. */
  private static final class FakeScorer implements PopulationScorer {
    final ToDoubleFunction<double[]> f;
    final ToDoubleFunction<long[]> noise;
    final List<int[]> calls = new ArrayList<>(); // {key, candidates}

    FakeScorer(ToDoubleFunction<double[]> f, ToDoubleFunction<long[]> noise) {
      this.f = f;
      this.noise = noise;
    }

    @Override
    public double[][] score(ControllerSpec spec, double[][] candidates, int generation) {
      calls.add(new int[] {generation, candidates.length});
      double[][] out = new double[candidates.length][2];
      for (int i = 0; i < candidates.length; i++) {
        for (int r = 0; r < 2; r++) {
          out[i][r] =
              f.applyAsDouble(candidates[i]) + noise.applyAsDouble(new long[] {generation, i, r});
        }
      }
      return out;
    }

    @Override
    public void close() {}
  }

  /** A CMA-ES that has told 3 generations of the fitness sum(x). */
  private static Cmaes searched() {
    Cmaes es = new Cmaes(new CmaesConfig(N, 6, 0.5, 3));
    for (int g = 0; g < 3; g++) {
      double[][] x = es.ask();
      double[] fit = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        fit[k] = sum(x[k]);
      }
      es.tell(x, fit);
    }
    return es;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  @Test
  void withoutNoiseTheBestOfTheFinalistsWinsAndTheReportIsOnLaterKeys() {
    Cmaes es = searched();
    double[][] samples = es.ask();
    FakeScorer scorer = new FakeScorer(x -> -sum(x), k -> 0);
    FinalChoice.Outcome o = FinalChoice.choose(scorer, SPEC, es, null, Progress.NONE);

    // The field: mean, best, 6 samples; with f = -sum(x) exactly, the winner is the argmax over it.
    List<double[]> field = new ArrayList<>(List.of(es.mean(), es.best()));
    field.addAll(List.of(samples));
    double best = Double.NEGATIVE_INFINITY;
    for (double[] x : field) {
      best = Math.max(best, -sum(x));
    }
    assertThat(-sum(o.chosen().parameters())).isEqualTo(best);
    assertThat(o.dreamMeanReturn()).isEqualTo(best);
    // Screen: key 3, all 8; final: keys 4..7, one candidate per call, 1 mean + 4 finalists; report:
    // keys 8..11, the winner alone.
    assertThat(scorer.calls.get(0)).containsExactly(3, 8);
    List<int[]> rest = scorer.calls.subList(1, scorer.calls.size());
    assertThat(rest).hasSize(5 * 4 + 4).allSatisfy(c -> assertThat(c[1]).isEqualTo(1));
    for (int i = 0; i < 5 * 4; i++) {
      assertThat(rest.get(i)[0]).isEqualTo(4 + i % 4);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(rest.get(20 + i)[0]).isEqualTo(8 + i);
    }
  }

  @Test
  void theFinalIsOnCommonDreamsSoAScreenLuckDoesNotCarryTheChoice() {
    Cmaes es = searched();
    // All contestants alike (f = 0); on the screen (key 3) sample 5 (index 7) is very lucky. In
    // the final every contestant is candidate 0 of the same keys: equal returns, so the tie goes
    // to the mean, the first finalist.
    FakeScorer scorer =
        new FakeScorer(x -> 0, k -> k[0] == 3 && k[1] == 7 ? 1000 : Math.sin(k[0] * 7.0 + k[2]));
    FinalChoice.Outcome o = FinalChoice.choose(scorer, SPEC, es, null, Progress.NONE);
    assertThat(o.chosen().label()).isEqualTo("mean");
    assertThat(o.chosen().parameters()).isEqualTo(es.mean());
  }

  @Test
  void anIncumbentIsKeptUnlessBeatenAndReplacedWhenItIs() {
    Cmaes es = searched();
    double[] strong = new double[N];
    java.util.Arrays.fill(strong, -100); // -sum = 100 * N: better than anything CMA-ES drew
    FakeScorer scorer = new FakeScorer(x -> -sum(x), k -> 0);
    FinalChoice.Outcome kept = FinalChoice.choose(scorer, SPEC, es, strong, Progress.NONE);
    assertThat(kept.chosen().label()).isEqualTo("incumbent");
    assertThat(kept.chosen().parameters()).isEqualTo(strong);

    double[] weak = new double[N];
    java.util.Arrays.fill(weak, 100);
    FinalChoice.Outcome replaced = FinalChoice.choose(scorer, SPEC, es, weak, Progress.NONE);
    assertThat(replaced.chosen().label()).isNotEqualTo("incumbent");
    assertThat(-sum(replaced.chosen().parameters())).isGreaterThan(-sum(weak));
  }

  @Test
  void theMeanAndTheIncumbentAlwaysReachTheFinal() {
    List<FinalChoice.Contestant> field = new ArrayList<>();
    for (String label : List.of("mean", "best", "incumbent", "s0", "s1", "s2", "s3", "s4", "s5")) {
      field.add(new FinalChoice.Contestant(label, new double[0]));
    }
    double[] screen = {-9, 5, -8, 1, 7, 3, 7, 0, 2};
    assertThat(FinalChoice.finalists(field, screen, true))
        .extracting(FinalChoice.Contestant::label)
        .containsExactly("mean", "incumbent", "s1", "s3", "best", "s2");
    assertThat(FinalChoice.finalists(field.subList(0, 2), new double[] {1, 2}, false))
        .extracting(FinalChoice.Contestant::label)
        .containsExactly("mean", "best");
  }

  @Test
  void anIncumbentOfAnotherSizeIsRefused() {
    assertThatThrownBy(
            () ->
                new CmaesSearch(SPEC, new CmaesSearch.Settings(6, 1, 0.5, 1))
                    .keepingUnlessBeaten(new double[N + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "incumbent controller has "
                + (N + 1)
                + " parameters; this search's controllers have "
                + N);
  }
}
