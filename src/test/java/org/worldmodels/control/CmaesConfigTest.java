package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CmaesConfigTest {

  @Test
  void defaultPopulationIsFourPlusThreeLogN() {
    assertThat(CmaesConfig.defaultPopulationSize(1)).isEqualTo(4);
    assertThat(CmaesConfig.defaultPopulationSize(2)).isEqualTo(6); // 4 + floor(2.08)
    assertThat(CmaesConfig.defaultPopulationSize(10)).isEqualTo(10); // 4 + floor(6.91)
    assertThat(CmaesConfig.defaultPopulationSize(867)).isEqualTo(24); // 4 + floor(20.3)
    assertThat(CmaesConfig.of(10, 0.5, 1)).isEqualTo(new CmaesConfig(10, 10, 0.5, 1));
  }

  @Test
  void copiesChangeOneField() {
    CmaesConfig c = CmaesConfig.of(10, 0.5, 1);
    assertThat(c.withPopulationSize(32)).isEqualTo(new CmaesConfig(10, 32, 0.5, 1));
    assertThat(c.withSeed(9)).isEqualTo(new CmaesConfig(10, 10, 0.5, 9));
  }

  @Test
  void invalidValuesAreNamed() {
    assertThatThrownBy(() -> new CmaesConfig(0, 4, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be in [1, 5000], got 0");
    assertThatThrownBy(() -> new CmaesConfig(3, 1, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("populationSize must be in [2, 1000000], got 1");
    assertThatThrownBy(() -> new CmaesConfig(3, 4, 0.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialSigma must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> CmaesConfig.of(3, Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialSigma must be finite and > 0, got NaN");
  }

  @Test
  void strategyParametersFollowTheTutorialDefaults() {
    // n = 10, lambda = 10: mu = 5, w_i proportional to ln(5.5) - ln(i).
    CmaesParameters p = new CmaesParameters(10, 10);
    assertThat(p.mu).isEqualTo(5);
    double[] raw = new double[5];
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      raw[i] = Math.log(5.5 / (i + 1));
      sum += raw[i];
    }
    double sumSquares = 0;
    for (int i = 0; i < 5; i++) {
      assertThat(p.weights[i]).isCloseTo(raw[i] / sum, within(1e-15));
      sumSquares += Math.pow(raw[i] / sum, 2);
    }
    double muEff = 1 / sumSquares;
    assertThat(p.muEff).isCloseTo(muEff, within(1e-12)).isBetween(3.0, 4.0);
    assertThat(p.cSigma).isCloseTo((muEff + 2) / (10 + muEff + 5), within(1e-15));
    assertThat(p.c1).isCloseTo(2 / (11.3 * 11.3 + muEff), within(1e-15));
    assertThat(p.chiN).isCloseTo(3.0847, within(1e-4)); // E||N(0, I_10)||
    assertThat(p.eigenInterval).isEqualTo(1);
    // A large n decomposes C only every few generations.
    assertThat(new CmaesParameters(867, 24).eigenInterval).isGreaterThan(5);
  }
}
