package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.util.Version;

/**
 * VAE directories for tests, written without training: random weights (Glorot kernels and biases
 * drawn in [-0.5, 0.5], so that decoded frames vary with z) saved as {@code vae train} saves a
 * checkpoint.
 */
public final class TinyVaes {
  private TinyVaes() {}

  /** 16 x 16 frames, z of {@code zSize}: convolutions 16 -> 7 -> 2, transposed 1 -> 6 -> 16. */
  public static VaeConfig config(int zSize) {
    return new VaeConfig(
        16, zSize, List.of(4, 8), 16, List.of(6, 6), List.of(4), 0.5, ReconLoss.BERNOULLI);
  }

  /** Writes a VAE of {@link #config} at {@code dir} with weights drawn from {@code seed}. */
  public static Path write(Path dir, int zSize, long seed) throws IOException {
    VaeConfig c = config(zSize);
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, float[]> m = new LinkedHashMap<>(VaeWeights.initial(c, rng).map());
    for (var e : m.entrySet()) {
      if (e.getKey().endsWith("/bias")) {
        float[] b = new float[e.getValue().length];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) (rng.nextDouble() - 0.5);
        }
        e.setValue(b);
      }
    }
    VaeWeights w = VaeWeights.fromMap(m, c, "test");
    VaeMetadata meta =
        new VaeMetadata(
            VaeCheckpoints.FORMAT,
            VaeCheckpoints.FORMAT_VERSION,
            Version.get(),
            1,
            1,
            c,
            VaeTrainConfig.defaults(seed),
            "test",
            w.sha256(c),
            1,
            Map.of(),
            0,
            Instant.now().toString());
    VaeCheckpoints.save(dir, meta, w, Map.of());
    return dir;
  }
}
