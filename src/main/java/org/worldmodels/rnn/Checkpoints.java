package org.worldmodels.rnn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * Checkpoints in a model directory. Each is written to {@code MODEL/.tmp-<step>/}, flushed, and
 * renamed to {@code MODEL/ckpt-<step>/}; then {@code MODEL/latest.json} is replaced (temporary file
 * and rename). A kill at any moment leaves {@code latest.json} naming a complete checkpoint (and
 * perhaps {@code .tmp-*} leftovers, which {@link #removeLeftovers} clears before the next run).
 * Loaders follow {@code latest.json}. The newest {@link #KEEP} checkpoints are kept.
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

  public static final String LATEST = "latest.json";
  public static final String WEIGHTS = "weights.npz";
  public static final String OPTIMIZER = "optimizer.npz";
  public static final String METADATA = "metadata.json";

  /** Checkpoints kept: the newest and the one before it. */
  public static final int KEEP = 2;

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
    Files.createDirectories(modelDir);
    long step = ckpt.metadata().step();
    Path tmp = modelDir.resolve(".tmp-" + step);
    AtomicFiles.deleteTree(tmp);
    Files.createDirectories(tmp);
    Npz.write(tmp.resolve(WEIGHTS), ckpt.weights().toArrays(ckpt.metadata().model()));
    Map<String, NpyArray> opt = new LinkedHashMap<>();
    ckpt.optimizer().forEach((k, v) -> opt.put(k, NpyArray.ofFloats(v, v.length)));
    Npz.write(tmp.resolve(OPTIMIZER), opt);
    Json.write(tmp.resolve(METADATA), ckpt.metadata());
    AtomicFiles.fsyncDirectory(tmp);
    Path target = modelDir.resolve(name(step));
    AtomicFiles.deleteTree(target);
    AtomicFiles.moveAtomically(tmp, target);
    Json.write(modelDir.resolve(LATEST), new Latest(name(step), step));
    prune(modelDir, step);
  }

  private static void prune(Path modelDir, long newest) throws IOException {
    List<Path> ckpts = new ArrayList<>();
    try (Stream<Path> s = Files.list(modelDir)) {
      s.filter(p -> p.getFileName().toString().matches("ckpt-\\d+")).sorted().forEach(ckpts::add);
    }
    for (int i = 0; i + KEEP < ckpts.size(); i++) {
      if (!ckpts.get(i).getFileName().toString().equals(name(newest))) {
        AtomicFiles.deleteTree(ckpts.get(i));
      }
    }
  }

  /**
   * Deletes what a killed writer may have left in {@code modelDir}: half-written checkpoint
   * directories ({@code .tmp-<step>/}) and temporary files of atomic writes ({@code .tmp-*}). Only
   * for the one process that writes the directory, before it starts.
   */
  public static void removeLeftovers(Path modelDir) throws IOException {
    if (!Files.isDirectory(modelDir)) {
      return;
    }
    List<Path> stale;
    try (Stream<Path> s = Files.list(modelDir)) {
      stale = s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
    }
    for (Path p : stale) {
      AtomicFiles.deleteTree(p);
    }
  }

  /** The directory of the latest checkpoint. */
  public static Path latestDir(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      throw new IllegalArgumentException(modelDir + ": no such model directory");
    }
    Path latest = modelDir.resolve(LATEST);
    if (!Files.isRegularFile(latest)) {
      throw new IllegalArgumentException(
          modelDir + ": not a model directory (no " + LATEST + "); expected the --out of train");
    }
    Latest l = Json.read(latest, Latest.class);
    if (l.checkpoint() == null || !l.checkpoint().matches("ckpt-\\d+")) {
      throw new IllegalArgumentException(
          latest + ": key 'checkpoint' is '" + l.checkpoint() + "'; expected ckpt-<step>");
    }
    Path dir = modelDir.resolve(l.checkpoint());
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          latest
              + ": key 'checkpoint' names "
              + l.checkpoint()
              + ", which is missing from "
              + modelDir);
    }
    return dir;
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
            readFloats(dir.resolve(WEIGHTS)), meta.model(), dir.resolve(WEIGHTS).toString());
    Map<String, float[]> opt = withOptimizer ? readFloats(dir.resolve(OPTIMIZER)) : Map.of();
    return new Checkpoint(meta, w, opt);
  }

  private static Map<String, float[]> readFloats(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    Map<String, NpyArray> arrays;
    try {
      arrays = Npz.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (var e : arrays.entrySet()) {
      float[] v = e.getValue().asFloats();
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException(
              file + ": key '" + e.getKey() + "' holds " + v[i] + " at index " + i);
        }
      }
      out.put(e.getKey(), v);
    }
    return out;
  }
}
