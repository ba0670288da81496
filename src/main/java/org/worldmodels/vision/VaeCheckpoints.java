package org.worldmodels.vision;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.worldmodels.io.CheckpointDirectory;
import org.worldmodels.util.Json;

/**
 * A VAE directory: one checkpoint per epoch, {@code VAE/ckpt-<epoch>/} with {@code weights.npz},
 * {@code optimizer.npz} (Adam's moments) and {@code metadata.json}, and {@code VAE/latest.json}
 * naming the newest, laid out, written and pruned as {@link CheckpointDirectory} says (as the
 * MDN-RNN's model directories are).
 */
public final class VaeCheckpoints {
  /** The {@code format} value of VAE checkpoint metadata. */
  public static final String FORMAT = "worldmodels-convvae";

  /** The layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public static final String LATEST = CheckpointDirectory.LATEST;
  public static final String WEIGHTS = CheckpointDirectory.WEIGHTS;
  public static final String OPTIMIZER = CheckpointDirectory.OPTIMIZER;
  public static final String METADATA = CheckpointDirectory.METADATA;

  private static final CheckpointDirectory.Kind KIND =
      new CheckpointDirectory.Kind("VAE", "vae train", "epoch");

  private VaeCheckpoints() {}

  /**
   * The content of {@code latest.json}.
   *
   * @param checkpoint directory name of the newest checkpoint
   * @param epoch its epoch
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Latest(String checkpoint, int epoch) {}

  /**
   * A loaded checkpoint.
   *
   * @param metadata configuration, epoch and provenance
   * @param weights the model
   * @param optimizer Adam's moments (empty unless asked for)
   */
  public record Loaded(VaeMetadata metadata, VaeWeights weights, Map<String, float[]> optimizer) {}

  /** Directory name of the checkpoint after {@code epoch} epochs. */
  public static String name(int epoch) {
    return String.format("ckpt-%06d", epoch);
  }

  /** Whether {@code dir} holds a checkpoint. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(LATEST));
  }

  /** Writes a checkpoint and makes it the latest. */
  public static void save(
      Path dir, VaeMetadata meta, VaeWeights weights, Map<String, float[]> optimizer)
      throws IOException {
    String name = name(meta.epoch());
    CheckpointDirectory.save(
        dir,
        meta.epoch(),
        name,
        weights.toArrays(meta.model()),
        optimizer,
        meta,
        new Latest(name, meta.epoch()));
  }

  /** Deletes {@code .tmp-*} leftovers of a killed writer; only for the directory's one writer. */
  public static void removeLeftovers(Path dir) throws IOException {
    CheckpointDirectory.removeLeftovers(dir);
  }

  /** The latest checkpoint's directory. */
  public static Path latestDir(Path dir) {
    return CheckpointDirectory.latestDir(dir, KIND);
  }

  /** The latest checkpoint's metadata. */
  public static VaeMetadata metadata(Path dir) {
    return metadataIn(latestDir(dir));
  }

  /** The metadata of the checkpoint directory {@code checkpoint} (a {@code ckpt-<epoch>/}). */
  static VaeMetadata metadataIn(Path checkpoint) {
    Path file = checkpoint.resolve(METADATA);
    VaeMetadata m = Json.read(file, VaeMetadata.class);
    // The version first: a file of another layout may name its format differently.
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
    if (!FORMAT.equals(m.format())) {
      throw new IllegalArgumentException(
          file + ": key 'format' is '" + m.format() + "'; expected '" + FORMAT + "'");
    }
    if (m.model() == null || m.train() == null) {
      throw new IllegalArgumentException(file + ": missing key 'model' or 'train'");
    }
    return m;
  }

  /**
   * Loads the latest checkpoint.
   *
   * @param withOptimizer whether to read Adam's moments too
   * @throws IllegalArgumentException naming the file for anything missing or malformed
   */
  public static Loaded load(Path dir, boolean withOptimizer) {
    // latest.json is read once, so the metadata and the arrays come from the same checkpoint.
    Path ckpt = latestDir(dir);
    VaeMetadata meta = metadataIn(ckpt);
    Path wf = ckpt.resolve(WEIGHTS);
    VaeWeights w =
        VaeWeights.fromMap(CheckpointDirectory.readFloats(wf), meta.model(), wf.toString());
    Map<String, float[]> opt =
        withOptimizer ? CheckpointDirectory.readFloats(ckpt.resolve(OPTIMIZER)) : Map.of();
    return new Loaded(meta, w, opt);
  }
}
