package org.worldmodels.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VaeConfigTest {
  @Test
  void worldModelsConvVaeHasTheParameterCountOfThePaper() {
    VaeConfig c = VaeConfig.defaults();
    assertThat(c.parameterCount()).isEqualTo(4_348_547L);
    long fromShapes = 0;
    for (int[] s : VaeWeights.shapes(c).values()) {
      fromShapes += VaeWeights.size(s);
    }
    assertThat(fromShapes).isEqualTo(4_348_547L);
    assertThat(c.encoderSide()).isEqualTo(2);
    assertThat(c.encoderFlat()).isEqualTo(1024);
    assertThat(List.of(c.decoderSide(0), c.decoderSide(1), c.decoderSide(2), c.decoderSide(3)))
        .containsExactly(5, 13, 30, 64);
  }

  @Test
  void decoderThatMissesTheFrameSizeIsRefused() {
    assertThatThrownBy(
            () ->
                new VaeConfig(
                    64,
                    32,
                    List.of(32),
                    64,
                    List.of(5, 5, 6, 5),
                    List.of(8, 8, 8),
                    0.5,
                    ReconLoss.MSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("produce 63 x 63")
        .hasMessageContaining("frame_size is 64");
  }

  @Test
  void badSizesAreNamed() {
    assertThatThrownBy(() -> VaeConfig.defaults().withZSize(0))
        .hasMessageContaining("z_size must be in [1, 4096], got 0");
    assertThatThrownBy(() -> ReconLoss.parse("l1"))
        .hasMessage("recon must be mse or bernoulli, got 'l1'");
    assertThatThrownBy(
            () ->
                new VaeConfig(
                    16, 2, List.of(4, 4, 4), 8, List.of(6, 6), List.of(4), 0.5, ReconLoss.MSE))
        .hasMessageContaining("frame_size 16 is too small for 3");
  }
}
