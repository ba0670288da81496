package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeanActivationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "foo",
        "bounded:x:1",
        "bounded:1:y",
        "bounded:1",
        "bounded:0:1:2",
        "bounded::1",
        "Identity",
        ""
      })
  void malformedNamesAreRefusedWithTheAcceptedForms(String s) {
    assertThatThrownBy(() -> MeanActivation.parse(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identity, softplus or bounded:LO:HI")
        .hasMessageContaining("'" + s + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bounded:1:0", "bounded:2:2", "bounded:NaN:1", "bounded:0:Infinity"})
  void emptyOrInfiniteRangesAreRefused(String s) {
    assertThatThrownBy(() -> MeanActivation.parse(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LO < HI");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> MeanActivation.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesAndPrintsTheSameForms() {
    assertSame(MeanActivation.IDENTITY, MeanActivation.parse("identity"));
    assertSame(MeanActivation.SOFTPLUS, MeanActivation.parse("softplus"));
    MeanActivation b = MeanActivation.parse("bounded:-2.5:4");
    assertEquals(new MeanActivation(MeanActivation.Kind.BOUNDED, -2.5, 4), b);
    for (MeanActivation a :
        new MeanActivation[] {MeanActivation.IDENTITY, MeanActivation.SOFTPLUS, b}) {
      assertEquals(a, MeanActivation.parse(a.toString()));
    }
  }

  @Test
  void identityIsAffine() {
    assertEquals(3.0 + 2.0 * -1.25, MeanActivation.IDENTITY.apply(-1.25, 3, 2), 0.0);
    assertEquals(0.7, MeanActivation.IDENTITY.apply(0.7, 0, 1), 0.0);
  }

  @Test
  void softplusIsPositiveAndDoesNotOverflow() {
    MeanActivation s = MeanActivation.SOFTPLUS;
    assertEquals(Math.log(2), s.apply(0, 0, 1), 1e-16);
    assertEquals(1000.0, s.apply(1000, 0, 1), 0.0); // naive log(1 + e^1000) = Infinity
    // Not rounded to 0: log1p(e^-30) = e^-30 (1 - e^-30/2 + ...), e^-30 to 5e-14 relative.
    assertEquals(Math.exp(-30), s.apply(-30, 0, 1), 1e-13 * Math.exp(-30));
    assertEquals(2 * Math.log1p(Math.exp(1.5)), s.apply(1.5, 0, 2), 1e-15);
    for (double raw = -30; raw <= 30; raw += 0.25) {
      assertTrue(s.apply(raw, 0, 1) > 0, "raw=" + raw);
    }
  }

  @Test
  void boundedStaysInsideItsRange() {
    MeanActivation b = MeanActivation.parse("bounded:-1:3");
    assertEquals(1.0, b.apply(0, 0, 1), 0.0); // sigmoid(0) = 1/2: the midpoint
    assertEquals(-1 + 4 / (1 + Math.exp(-2)), b.apply(2, 0, 1), 1e-15);
    // Saturation, not NaN: exp(800) = Infinity gives lo + 4/Infinity = lo.
    assertEquals(-1.0, b.apply(-800, 0, 1), 0.0);
    assertEquals(3.0, b.apply(800, 0, 1), 0.0);
    double previous = Double.NEGATIVE_INFINITY;
    for (double raw = -40; raw <= 40; raw += 0.25) {
      double m = b.apply(raw, 0, 1);
      assertTrue(m >= -1 && m <= 3 && m >= previous, "raw=" + raw + " gave " + m);
      previous = m;
    }
  }
}
