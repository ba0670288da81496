package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogMathTest {
  private static final double NEG_INF = Double.NEGATIVE_INFINITY;
  private static final double POS_INF = Double.POSITIVE_INFINITY;
  private static final double LN2 = Math.log(2);

  @Test
  void logSumExpOfHugeAndTinyValuesStaysFinite() {
    // exp(1000) overflows and exp(-1000) underflows: a naive sum gives Infinity and -Infinity.
    // The exact answers are representable; 1e-13 absolute is ~40 ulps at 1000.
    assertEquals(1000 + LN2, LogMath.logSumExp(new double[] {1000, 1000}), 1e-13);
    assertEquals(-1000 + LN2, LogMath.logSumExp(new double[] {-1000, -1000}), 1e-13);
    assertEquals(1000.0, LogMath.logSumExp(new double[] {1000, -1000}), 0.0);
    assertEquals(-1000 + Math.log(3), LogMath.logSumExp(new double[] {-1000, -1000, -1000}), 1e-13);
  }

  @Test
  void logSumExpMatchesTheNaiveFormWhereThatIsSafe() {
    // For |v| <= 20 the naive log(sum exp) is accurate to a few ulps; so is ours. 1e-14
    // relative leaves room for both.
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 1000; trial++) {
      double[] v = new double[1 + rng.nextInt(8)];
      double sum = 0;
      for (int i = 0; i < v.length; i++) {
        v[i] = rng.nextDouble(-20, 20);
        sum += Math.exp(v[i]);
      }
      double naive = Math.log(sum);
      assertEquals(naive, LogMath.logSumExp(v), 1e-14 * Math.max(1, Math.abs(naive)));
    }
  }

  @Test
  void logSumExpKeepsTheLastBitsOfADominantTerm() {
    // log(e^0 + e^-40) = log1p(e^-40) ~ 4.25e-18: lost entirely by log(1 + x) in double.
    assertEquals(Math.exp(-40), LogMath.logSumExp(new double[] {0, -40}), 1e-30);
    assertEquals(Math.exp(-40), LogMath.logSumExp(new double[] {-40, 0}), 1e-30);
  }

  @Test
  void logSumExpSpecialValues() {
    assertEquals(NEG_INF, LogMath.logSumExp(new double[] {}));
    assertEquals(NEG_INF, LogMath.logSumExp(new double[] {NEG_INF, NEG_INF}));
    assertEquals(3.5, LogMath.logSumExp(new double[] {NEG_INF, 3.5, NEG_INF}), 0.0);
    assertEquals(POS_INF, LogMath.logSumExp(new double[] {POS_INF, 1}));
    assertEquals(POS_INF, LogMath.logSumExp(new double[] {NEG_INF, POS_INF}));
    assertEquals(POS_INF, LogMath.logSumExp(new double[] {POS_INF, POS_INF}));
    assertThat(LogMath.logSumExp(new double[] {1, Double.NaN})).isNaN();
    assertThat(LogMath.logSumExp(new double[] {POS_INF, Double.NaN})).isNaN();
    assertEquals(-7.25, LogMath.logSumExp(new double[] {-7.25}), 0.0);
  }

  @Test
  void logSumExpOverARange() {
    double[] v = {1000, 2, 3, Double.NaN};
    assertEquals(LogMath.logSumExp(new double[] {2, 3}), LogMath.logSumExp(v, 1, 2), 0.0);
    assertEquals(NEG_INF, LogMath.logSumExp(v, 2, 0));
    assertThatThrownBy(() -> LogMath.logSumExp(v, 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> LogMath.logSumExp(v, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void logSoftmaxOfExtremeLogits() {
    assertArrayEquals(new double[] {0, -2000}, LogMath.logSoftmax(new double[] {1000, -1000}), 0.0);
    assertArrayEquals(
        new double[] {-LN2, -LN2}, LogMath.logSoftmax(new double[] {1000, 1000}), 1e-15);
    assertArrayEquals(
        new double[] {0, NEG_INF}, LogMath.logSoftmax(new double[] {5, NEG_INF}), 0.0);
  }

  @Test
  void softmaxSumsToOneAndMatchesTheNaiveForm() {
    // Each weight has a relative error of a few ulps, so the sum is 1 to ~K ulps; 1e-14 both.
    SplittableRandom rng = new SplittableRandom(2);
    for (int trial = 0; trial < 1000; trial++) {
      double[] logits = new double[1 + rng.nextInt(8)];
      double z = 0;
      for (int i = 0; i < logits.length; i++) {
        logits[i] = rng.nextDouble(-10, 10);
        z += Math.exp(logits[i]);
      }
      double[] w = LogMath.softmax(logits);
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        assertEquals(Math.exp(logits[i]) / z, w[i], 1e-14 * w[i]);
        sum += w[i];
      }
      assertEquals(1.0, sum, 1e-14);
    }
    assertArrayEquals(new double[] {0.5, 0.5}, LogMath.softmax(new double[] {1000, 1000}), 0.0);
    assertArrayEquals(new double[] {1, 0}, LogMath.softmax(new double[] {1000, -1000}), 0.0);
  }

  @Test
  void intoVariantsWriteThePreallocatedArrayAndMayAlias() {
    double[] logits = {0.5, -1, 2};
    double[] expected = LogMath.logSoftmax(logits);
    double[] out = new double[3];
    LogMath.logSoftmax(logits, out);
    assertArrayEquals(expected, out, 0.0);
    LogMath.logSoftmax(logits, logits); // in place
    assertArrayEquals(expected, logits, 0.0);

    double[] again = {0.5, -1, 2};
    double[] w = LogMath.softmax(again);
    LogMath.softmax(again, again);
    assertArrayEquals(w, again, 0.0);

    assertThatThrownBy(() -> LogMath.logSoftmax(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3")
        .hasMessageContaining("2");
  }

  @Test
  void softmaxRefusesLogitsWithoutDefinedWeights() {
    assertThatThrownBy(() -> LogMath.softmax(new double[] {NEG_INF, NEG_INF}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Infinity");
    assertThatThrownBy(() -> LogMath.logSoftmax(new double[] {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogMath.logSoftmax(new double[] {0, POS_INF}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logits[1]")
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> LogMath.softmax(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logits[0]")
        .hasMessageContaining("NaN");
  }
}
