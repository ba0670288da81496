package org.worldmodels.rnn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.worldmodels.io.CheckpointDirectory;
import org.worldmodels.util.Json;

/**
 * Checkpoints in a model directory, {@code MODEL/ckpt-<step>/}, laid out, written and pruned as
 * {@link CheckpointDirectory} says; loaders follow {@code MODEL/latest.json}.
 *
 * <p>A checkpoint directory holds {@code weights.npz} (the model), {@code optimizer.npz} (Adam's
 * moments) and {@code metadata.json}. Weight files depend only on the values, so equal weights give
 * identical bytes.
 */
public final class Checkpoints {
  /** The {@code format} value of checkpoint metadata. */
  public static final String FORMAT = "worldmodels-mdnrnn";

  /** The layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public static final String LATEST = CheckpointDirectory.LATEST;
  public static final String WEIGHTS = CheckpointDirectory.WEIGHTS;
  public static final String OPTIMIZER = CheckpointDirectory.OPTIMIZER;
  public static final String METADATA = CheckpointDirectory.METADATA;

  private static final CheckpointDirectory.Kind KIND =
      new CheckpointDirectory.Kind("model", "train", "step");

  private Checkpoints() {}

  /**
   * The content of {@code latest.json}.
   *
   * @param checkpoint directory name of the newest checkpoint
   * @param step its step
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Latest(String checkpoint, long step) {}

  /** The directory name of the checkpoint at {@code step}. */
  public static String name(long step) {
    return String.format("ckpt-%09d", step);
  }

  /** Whether {@code modelDir} has a checkpoint to load. */
  public static boolean exists(Path modelDir) {
    return Files.isRegularFile(modelDir.resolve(LATEST));
  }

  /** Writes a checkpoint and makes it the latest. */
  public static void save(Path modelDir, Checkpoint ckpt) throws IOException {
    long step = ckpt.metadata().step();
    CheckpointDirectory.save(
        modelDir,
        step,
        name(step),
        ckpt.weights().toArrays(ckpt.metadata().model()),
        ckpt.optimizer(),
        ckpt.metadata(),
        new Latest(name(step), step));
  }

  /**
   * Deletes what a killed writer may have left in {@code modelDir} ({@link
   * CheckpointDirectory#removeLeftovers}).
   */
  public static void removeLeftovers(Path modelDir) throws IOException {
    CheckpointDirectory.removeLeftovers(modelDir);
  }

  /** The directory of the latest checkpoint. */
  public static Path latestDir(Path modelDir) {
    return CheckpointDirectory.latestDir(modelDir, KIND);
  }

  /** Reads the latest checkpoint's metadata only. */
  public static CheckpointMetadata metadata(Path modelDir) {
    return readMetadata(latestDir(modelDir).resolve(METADATA));
  }

  private static CheckpointMetadata readMetadata(Path file) {
    CheckpointMetadata m = Json.read(file, CheckpointMetadata.class);
    if (!FORMAT.equals(m.format())) {
      throw new IllegalArgumentException(
          file + ": key 'format' is '" + m.format() + "'; expected '" + FORMAT + "'");
    }
    if (m.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          file
              + ": key 'formatVersion' is "
              + m.formatVersion()
              + " (written by worldmodels "
              + m.libraryVersion()
              + "); this build reads format version "
              + FORMAT_VERSION);
    }
    if (m.model() == null) {
      throw new IllegalArgumentException(file + ": missing key 'model'");
    }
    return m;
  }

  /**
   * Loads the latest checkpoint.
   *
   * @param withOptimizer whether to read the optimizer moments too
   * @throws IllegalArgumentException naming the file for anything missing, malformed or
   *     inconsistent
   */
  public static Checkpoint load(Path modelDir, boolean withOptimizer) {
    Path dir = latestDir(modelDir);
    CheckpointMetadata meta = readMetadata(dir.resolve(METADATA));
    MdnRnnWeights w =
        MdnRnnWeights.fromMap(
            CheckpointDirectory.readFloats(dir.resolve(WEIGHTS)),
            meta.model(),
            dir.resolve(WEIGHTS).toString());
    Map<String, float[]> opt =
        withOptimizer ? CheckpointDirectory.readFloats(dir.resolve(OPTIMIZER)) : Map.of();
    return new Checkpoint(meta, w, opt);
  }
}
