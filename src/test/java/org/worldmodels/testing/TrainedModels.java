package org.worldmodels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.data.Dataset;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Progress;

/** Small trained models shared by tests (trained once per JVM). */
public final class TrainedModels {
  public static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          2, 1, 32, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10);
  private static Path dir;

  private TrainedModels() {}

  public static synchronized Path bimodal() {
    if (dir == null) {
      try {
        Path tmp = Files.createTempDirectory("wm-dream-fixture");
        Dataset data = Dataset.of(SyntheticEpisodes.generate(400, 25, 1), null);
        TrainConfig train =
            new TrainConfig(
                25, 32, 1500, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 3, 1000, 0.1);
        Trainer.train(
            data, CONFIG, train, tmp.resolve("m"), false, Trainer.OnNonFinite.STOP, Progress.NONE);
        dir = tmp.resolve("m");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
