package org.worldmodels.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bar on frames with known factors: a ConvVAE with z 8 trained for a few
 * minutes on 3,000 disc frames (radius 6 to 16 pixels at 64 x 64) gives an encoder mean from which
 * a quadratic least-squares readout recovers the disc's position with R^2 >= 0.95 and its radius
 * with R^2 >= 0.9 on held-out episodes. About two minutes on two idle cores, so in {@code mvn
 * -Pslow}.
 */
@Tag("slow")
class DiscQualityTest {
  @Test
  void quadraticReadoutRecoversPositionAndRadius(@TempDir Path tmp) throws Exception {
    DiscFrames data = new DiscFrames(64, 30, 100, 6, 16, 1);
    // World Models' layers with a quarter of the filters, Bernoulli loss (the default).
    VaeConfig model = VaeConfig.defaults().withZSize(8).narrowedBy(4);
    VaeTrainConfig train = VaeTrainConfig.defaults(0).withEpochs(20).withLearningRate(2e-3);
    DiscExperiment.Outcome o = DiscExperiment.run(data, model, train, tmp);
    // The figures docs/vision.md records, in the test's output.
    System.out.printf(
        "disc readout: R^2 x %.3f, y %.3f, radius %.3f; held-out recon_mse %.5f, kl %.1f%n",
        o.r2x(), o.r2y(), o.r2r(), o.heldOut().reconMse(), o.heldOut().kl());
    assertThat(o.r2x()).as("R^2 of the centre's x").isGreaterThanOrEqualTo(0.95);
    assertThat(o.r2y()).as("R^2 of the centre's y").isGreaterThanOrEqualTo(0.95);
    assertThat(o.r2r()).as("R^2 of the radius").isGreaterThanOrEqualTo(0.9);
    // The decoder draws the disc: an all-background output would leave about 0.02 here.
    assertThat(o.heldOut().reconMse()).isLessThan(0.002);
  }
}
