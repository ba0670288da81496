package org.worldmodels.vision;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * A VAE directory: one checkpoint per epoch, {@code VAE/ckpt-<epoch>/} with {@code weights.npz},
 * {@code optimizer.npz} (Adam's moments) and {@code metadata.json}, and {@code VAE/latest.json}
 * naming the newest. As for the MDN-RNN's model directories (docs/architecture.md, "Checkpoints"):
 * each is written to {@code .tmp-<epoch>/}, flushed and renamed, then {@code latest.json} is
 * replaced atomically, so a kill at any moment leaves a loadable directory. The newest two are
 * kept.
 */
public final class VaeCheckpoints {
  /** The {@code format} value of VAE checkpoint metadata. */
  public static final String FORMAT = "worldmodels-convvae";

  /** The layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public static final String LATEST = "latest.json";
  public static final String WEIGHTS = "weights.npz";
  public static final String OPTIMIZER = "optimizer.npz";
  public static final String METADATA = "metadata.json";

  private static final int KEEP = 2;

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
    Files.createDirectories(dir);
    String name = name(meta.epoch());
    Path tmp = dir.resolve(".tmp-" + meta.epoch());
    AtomicFiles.deleteTree(tmp);
    Files.createDirectories(tmp);
    Npz.write(tmp.resolve(WEIGHTS), weights.toArrays(meta.model()));
    Map<String, NpyArray> opt = new LinkedHashMap<>();
    optimizer.forEach((k, v) -> opt.put(k, NpyArray.ofFloats(v, v.length)));
    Npz.write(tmp.resolve(OPTIMIZER), opt);
    Json.write(tmp.resolve(METADATA), meta);
    AtomicFiles.fsyncDirectory(tmp);
    Path target = dir.resolve(name);
    AtomicFiles.deleteTree(target);
    AtomicFiles.moveAtomically(tmp, target);
    Json.write(dir.resolve(LATEST), new Latest(name, meta.epoch()));
    List<Path> old;
    try (Stream<Path> s = Files.list(dir)) {
      old =
          s.filter(p -> p.getFileName().toString().matches("ckpt-\\d+"))
              .filter(p -> !p.getFileName().toString().equals(name))
              .sorted()
              .toList();
    }
    for (int i = 0; i + KEEP - 1 < old.size(); i++) {
      AtomicFiles.deleteTree(old.get(i));
    }
  }

  /** Deletes {@code .tmp-*} leftovers of a killed writer; only for the directory's one writer. */
  public static void removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale;
    try (Stream<Path> s = Files.list(dir)) {
      stale = s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
    }
    for (Path p : stale) {
      AtomicFiles.deleteTree(p);
    }
  }

  /** The latest checkpoint's directory. */
  public static Path latestDir(Path dir) {
    Path latest = dir.resolve(LATEST);
    if (!Files.isRegularFile(latest)) {
      throw new IllegalArgumentException(
          dir + ": not a VAE directory (no " + LATEST + "); expected the --out of vae train");
    }
    Latest l = Json.read(latest, Latest.class);
    if (l.checkpoint() == null || !l.checkpoint().matches("ckpt-\\d+")) {
      throw new IllegalArgumentException(
          latest + ": key 'checkpoint' is '" + l.checkpoint() + "'; expected ckpt-<epoch>");
    }
    Path ckpt = dir.resolve(l.checkpoint());
    if (!Files.isDirectory(ckpt)) {
      throw new IllegalArgumentException(
          latest + ": key 'checkpoint' names " + l.checkpoint() + ", missing from " + dir);
    }
    return ckpt;
  }

  /** The latest checkpoint's metadata. */
  public static VaeMetadata metadata(Path dir) {
    Path file = latestDir(dir).resolve(METADATA);
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
    VaeMetadata meta = metadata(dir);
    Path ckpt = latestDir(dir);
    Path wf = ckpt.resolve(WEIGHTS);
    VaeWeights w = VaeWeights.fromMap(floats(wf), meta.model(), wf.toString());
    Map<String, float[]> opt = withOptimizer ? floats(ckpt.resolve(OPTIMIZER)) : Map.of();
    return new Loaded(meta, w, opt);
  }

  private static Map<String, float[]> floats(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    try {
      Map<String, float[]> out = new LinkedHashMap<>();
      Npz.read(file).forEach((k, v) -> out.put(k, v.asFloats()));
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
