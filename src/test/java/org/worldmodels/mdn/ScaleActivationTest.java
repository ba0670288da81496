package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleActivationTest {
  private static final ScaleActivation ELU = ScaleActivation.ELU_PLUS_ONE;
  private static final ScaleActivation EXP = ScaleActivation.EXP;

  @Test
  void eluPlusOneIsContinuousWithContinuousSlopeAtZero() {
    assertEquals(1.0, ELU.apply(0), 0.0);
    assertEquals(0.0, ELU.log(0), 0.0);
    // Both branches are 1 + x + O(x^2): at x = 1e-6 they agree to ~x^2/2 = 5e-13.
    double x = 1e-6;
    assertEquals(1 + x, ELU.apply(x), 1e-15);
    assertEquals(1 - x, ELU.apply(-x), 1e-12);
    // One-sided slopes by differences of step 1e-6: both 1, to O(step) = 1e-6 on the left.
    double right = (ELU.apply(x) - ELU.apply(0)) / x;
    double left = (ELU.apply(0) - ELU.apply(-x)) / x;
    assertEquals(1.0, right, 1e-9);
    assertEquals(1.0, left, 1e-6);
  }

  @Test
  void logIsExactWhereSigmaIsTinyOrUnderflows() {
    assertEquals(-50.0, ELU.log(-50), 0.0);
    assertEquals(-50.0, EXP.log(-50), 0.0);
    // exp(-800) underflows to 0 in double: log(apply) would be -Infinity, log() is not.
    assertEquals(0.0, ELU.apply(-800), 0.0);
    assertEquals(-800.0, ELU.log(-800), 0.0);
    assertEquals(-800.0, EXP.log(-800), 0.0);
  }

  @Test
  void applyAndLogAgree() {
    // Math.log and Math.exp/log1p are each within 1 ulp, so log(apply(raw)) and log(raw) differ
    // by a few ulps of max(1, |log sigma|): 1e-15 of that.
    for (ScaleActivation a : ScaleActivation.values()) {
      for (double raw = -30; raw <= 30; raw += 0.125) {
        double viaApply = Math.log(a.apply(raw));
        double direct = a.log(raw);
        assertEquals(viaApply, direct, 1e-15 * Math.max(1, Math.abs(direct)), a + " raw=" + raw);
      }
    }
  }

  @Test
  void values() {
    assertEquals(Math.exp(1.5), EXP.apply(1.5), 0.0);
    assertEquals(2.5, ELU.apply(1.5), 0.0);
    assertEquals(Math.exp(-1.5), ELU.apply(-1.5), 0.0);
    assertEquals(Math.log(2.5), ELU.log(1.5), 0.0);
    // ELU + 1 grows linearly: no overflow where exp would.
    assertEquals(1001.0, ELU.apply(1000), 0.0);
    assertTrue(Double.isInfinite(EXP.apply(1000)));
    for (double raw = -40; raw <= 40; raw += 0.5) {
      assertTrue(ELU.apply(raw) > 0 && EXP.apply(raw) > 0, "raw=" + raw);
    }
  }

  @Test
  void parsesItsIdsAndNamesTheChoicesOtherwise() {
    assertSame(EXP, ScaleActivation.parse("exp"));
    assertSame(ELU, ScaleActivation.parse("elu"));
    for (ScaleActivation a : ScaleActivation.values()) {
      assertSame(a, ScaleActivation.parse(a.toString()));
    }
    assertThatThrownBy(() -> ScaleActivation.parse("softplus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exp or elu")
        .hasMessageContaining("'softplus'");
    assertThatThrownBy(() -> ScaleActivation.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
