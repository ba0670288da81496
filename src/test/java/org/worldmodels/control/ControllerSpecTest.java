package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.rnn.MdnRnnConfig;

/** Spec validation and the check that a controller fits a model. */
class ControllerSpecTest {
  private static final ActionSpec D2 = new ActionSpec.Discrete(2);

  private static MdnRnnConfig model(int z, int a, int h) {
    return new MdnRnnConfig(
        z, a, h, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10);
  }

  @Test
  void invalidSpecsNameTheField() {
    assertThatThrownBy(() -> ControllerSpec.linear(0, 4, D2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z_size");
    assertThatThrownBy(() -> ControllerSpec.linear(4, 0, D2)).hasMessageContaining("h_size");
    assertThatThrownBy(() -> ControllerSpec.linear(4, 4, null)).hasMessageContaining("action");
    assertThatThrownBy(() -> new ControllerSpec(null, 4, 4, D2, 0)).hasMessageContaining("kind");
    assertThatThrownBy(() -> new ControllerSpec(ControllerKind.LINEAR, 4, 4, D2, 3))
        .hasMessageContaining("hidden_units must be 0 for a linear controller, got 3");
    assertThatThrownBy(() -> ControllerSpec.mlp(4, 4, D2, 0))
        .hasMessageContaining("hidden_units must be in [1, 65536], got 0");
    ActionSpec unbounded =
        new ActionSpec.Box(new double[] {Double.NEGATIVE_INFINITY}, new double[] {1});
    assertThatThrownBy(() -> ControllerSpec.linear(4, 4, unbounded))
        .hasMessageContaining("box bounds must be finite")
        .hasMessageContaining("-Infinity");
    assertThatThrownBy(() -> ControllerSpec.mlp(1 << 16, 1 << 14, D2, 1 << 16))
        .hasMessageContaining("at most " + ControllerSpec.MAX_PARAMETERS);
  }

  @Test
  void kindParsesItsNamesAndListsThemOtherwise() {
    assertThat(ControllerKind.parse("linear")).isEqualTo(ControllerKind.LINEAR);
    assertThat(ControllerKind.parse("mlp")).isEqualTo(ControllerKind.MLP);
    assertThatThrownBy(() -> ControllerKind.parse("rnn"))
        .hasMessage("kind must be linear or mlp, got 'rnn'");
  }

  @Test
  void matchingAModel() {
    ControllerSpec spec = ControllerSpec.linear(4, 8, D2);
    spec.requireMatches(model(4, 2, 8), "m");
    assertThat(ControllerSpec.forModel(ControllerKind.LINEAR, model(4, 2, 8), D2, 0))
        .isEqualTo(spec);
    assertThatThrownBy(() -> spec.requireMatches(model(3, 1, 8), "runs/m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the controller does not fit model runs/m: z size 4 vs 3, action size 2 vs 1"
                + " (controller vs model)");
    assertThatThrownBy(() -> spec.requireMatches(model(4, 2, 16), "m"))
        .hasMessageContaining("hidden size 8 vs 16");
  }
}
