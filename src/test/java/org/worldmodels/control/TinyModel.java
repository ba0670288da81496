package org.worldmodels.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.data.DataSpec;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.util.Json;

/**
 * A model directory with untrained (seeded Glorot) weights, written straight through {@link
 * Checkpoints#save}: enough for anything that only runs the cell, without TensorFlow or training.
 */
public final class TinyModel {
  public static final long STEP = 7;

  private TinyModel() {}

  /** The config of a tiny model for data of {@code spec}. */
  public static MdnRnnConfig config(DataSpec spec, int hidden) {
    return new MdnRnnConfig(
        spec.zSize(),
        spec.actionSize(),
        hidden,
        2,
        MdnRnnConfig.FAMILY_DEFAULT,
        MdnRnnConfig.SIGMA_DEFAULT,
        false,
        false,
        10);
  }

  /** Writes a model directory for data of {@code spec} with {@code hidden} LSTM units. */
  public static Path write(Path dir, DataSpec spec, int hidden, long seed) throws IOException {
    return write(dir, spec, config(spec, hidden), seed);
  }

  /** Writes a model directory of {@code config} (which must fit {@code spec}) for data of spec. */
  public static Path write(Path dir, DataSpec spec, MdnRnnConfig config, long seed)
      throws IOException {
    MdnRnnWeights weights = MdnRnnWeights.initial(config, new SplittableRandom(seed));
    CheckpointMetadata meta =
        CheckpointMetadata.builder()
            .libraryVersion("test")
            .step(STEP)
            .model(config)
            .train(Json.valueToTree(TrainConfig.defaults()))
            .dataSpec(Json.valueToTree(spec))
            .dataFingerprint("fingerprint-" + seed)
            .threads(1)
            .created("2000-01-01T00:00:00Z")
            .build();
    Checkpoints.save(dir, new Checkpoint(meta, weights, Map.of()));
    return dir;
  }
}
