package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The weights' exp against {@link Math#exp} (itself within 1 ulp of the true value). */
class WeightExpTest {
  @Test
  void relativeErrorIsBelowOneInTenToTheEighthOverTheWholeRange() {
    SplittableRandom rng = new SplittableRandom(7);
    double worst = 0;
    for (int i = 0; i < 1_000_000; i++) {
      // Uniform on [-708, 0] and, as often, on [-1, 0] where most weights fall.
      double x = i % 2 == 0 ? -708 * rng.nextDouble() : -rng.nextDouble();
      double expected = Math.exp(x);
      worst = Math.max(worst, Math.abs(WeightExp.exp(x) - expected) / expected);
    }
    // Each side of every power of two, where k changes.
    for (int k = 0; k <= 1021; k++) {
      for (double x : new double[] {-k * Math.log(2) - 1e-9, -k * Math.log(2) + 1e-9}) {
        if (x <= 0 && x >= WeightExp.UNDERFLOW) {
          worst = Math.max(worst, Math.abs(WeightExp.exp(x) - Math.exp(x)) / Math.exp(x));
        }
      }
    }
    assertThat(worst).isLessThan(1e-8);
  }

  @Test
  void edgesAreExact() {
    assertThat(WeightExp.exp(0.0)).isEqualTo(1.0);
    assertThat(WeightExp.exp(-0.0)).isEqualTo(1.0);
    assertThat(WeightExp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(WeightExp.exp(-709)).isEqualTo(0.0);
    assertThat(WeightExp.exp(Double.NaN)).isNaN();
    // Just above the cut the result is still a normal double.
    assertThat(WeightExp.exp(WeightExp.UNDERFLOW)).isGreaterThan(Double.MIN_NORMAL);
  }
}
