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
  void aDefaultTrainingStepIs23GflopAtBatch100() {
    // The figure for World Models' ConvVAE; conv1 alone is 31 * 31 * 48 * 32 * 2 FLOP.
    assertThat(VaeFlops.trainStep(VaeConfig.defaults(), 100) / 1e9)
        .isCloseTo(23.0, org.assertj.core.data.Offset.offset(0.5));
    VaeConfig one =
        new VaeConfig(8, 1, List.of(1), 1, List.of(4, 2), List.of(1), 0.5, ReconLoss.MSE);
    // 8 -> 3 x 3 x 1 by a 4 x 4 x 3 kernel; two dense heads 9 -> 1; decoder 1 -> 1, then 1 x 1 x 1
    // scatters 4 x 4 x 1, then 4 x 4 x 1 each scatter 2 x 2 x 3.
    assertThat(VaeFlops.encoder(one)).isEqualTo(2.0 * 9 * 48 + 2 * 2.0 * 9);
    assertThat(VaeFlops.decoder(one)).isEqualTo(2.0 + 2.0 * 16 + 2.0 * 16 * 4 * 3);
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
