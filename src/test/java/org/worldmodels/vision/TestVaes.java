package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.util.Version;

/** Small untrained VAE directories for tests of what uses a VAE (encode, play, train). */
public final class TestVaes {
  private TestVaes() {}

  /** A 16 x 16 VAE with z 3: two encoder convolutions, one transposed convolution. */
  public static VaeConfig tiny() {
    return new VaeConfig(16, 3, List.of(4, 8), 16, List.of(6, 6), List.of(4), 0.5, ReconLoss.MSE);
  }

  /**
   * Writes a VAE directory of {@code config} with initial weights drawn from {@code seed}, as
   * {@code vae train --epochs 0} would leave it.
   *
   * @return the SHA-256 of its weights
   */
  public static String write(Path dir, VaeConfig config, long seed) throws IOException {
    VaeWeights w = VaeWeights.initial(config, new SplittableRandom(seed));
    VaeMetadata meta =
        new VaeMetadata(
            VaeCheckpoints.FORMAT,
            VaeCheckpoints.FORMAT_VERSION,
            Version.get(),
            1,
            0,
            config,
            VaeTrainConfig.defaults(seed),
            "test",
            w.sha256(config),
            1,
            Map.of(),
            0,
            Instant.EPOCH.toString());
    VaeCheckpoints.save(dir, meta, w, Map.of());
    return w.sha256(config);
  }
}
