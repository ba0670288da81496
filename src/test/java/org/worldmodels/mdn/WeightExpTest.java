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

  @Test
  void inPlaceGivesTheSameBitsAsOneAtATime() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] edges = {
      0.0,
      -0.0,
      Double.NEGATIVE_INFINITY,
      Double.NaN,
      -709,
      WeightExp.UNDERFLOW,
      Math.nextDown(WeightExp.UNDERFLOW),
      Math.nextUp(WeightExp.UNDERFLOW),
      -Double.MIN_VALUE,
      -Math.log(2) / 2,
      -Math.log(2),
      -1e-300,
      -Double.MAX_VALUE
    };
    // Odd lengths leave the vector loops a remainder.
    int n = 10_007;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < edges.length ? edges[i] : i % 2 == 0 ? -708 * rng.nextDouble() : -rng.nextDouble();
    }
    double[] got = x.clone();
    WeightExp.expInPlace(got, n, new double[n], new double[n]);
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(got[i]))
          .as("exp(%s)", x[i])
          .isEqualTo(Double.doubleToRawLongBits(WeightExp.exp(x[i])));
    }
  }

  @Test
  void inPlaceTouchesOnlyTheFirstN() {
    double[] x = {-1, -2, -3};
    WeightExp.expInPlace(x, 2, new double[2], new double[2]);
    assertThat(x[2]).isEqualTo(-3);
    assertThat(x[0]).isEqualTo(WeightExp.exp(-1));
  }
}
