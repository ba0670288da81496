package org.worldmodels.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * The checkpoint directory layout that the MDN-RNN's model directories and the VAE's directories
 * share (docs/architecture.md, "Checkpoints"). Each checkpoint is written to {@code DIR/.tmp-<n>/},
 * flushed, and renamed to {@code DIR/ckpt-<n>/}; then {@code DIR/latest.json} is replaced
 * (temporary file and rename). A kill at any moment leaves {@code latest.json} naming a complete
 * checkpoint (and perhaps {@code .tmp-*} leftovers, which {@link #removeLeftovers} clears before
 * the next run). The newest {@link #KEEP} checkpoints are kept.
 *
 * <p>A checkpoint holds {@link #WEIGHTS}, {@link #OPTIMIZER} (Adam's moments) and {@link
 * #METADATA}; what the metadata and {@code latest.json} say besides the checkpoint's name is the
 * caller's.
 */
public final class CheckpointDirectory {
  public static final String LATEST = "latest.json";
  public static final String WEIGHTS = "weights.npz";
  public static final String OPTIMIZER = "optimizer.npz";
  public static final String METADATA = "metadata.json";

  /** Checkpoints kept: the newest and the one before it. */
  public static final int KEEP = 2;

  private static final String CHECKPOINT_NAME = "ckpt-\\d+";

  private CheckpointDirectory() {}

  /**
   * What a kind of directory is called in errors.
   *
   * @param noun what the directory holds ("model", "VAE")
   * @param producer the command that writes it ("train", "vae train")
   * @param counter what a checkpoint's number counts ("step", "epoch")
   */
  public record Kind(String noun, String producer, String counter) {}

  /** The part of {@code latest.json} every kind has. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Pointer(String checkpoint) {}

  /** Whether {@code dir} has a checkpoint to load. */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(LATEST));
  }

  /**
   * Writes checkpoint {@code name} (numbered {@code number}) and makes it the latest, {@code
   * latest} being the content of {@code latest.json}; then deletes all but the newest {@link
   * #KEEP}.
   */
  public static void save(
      Path dir,
      long number,
      String name,
      Map<String, NpyArray> weights,
      Map<String, float[]> optimizer,
      Object metadata,
      Object latest)
      throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(".tmp-" + number);
    AtomicFiles.deleteTree(tmp);
    Files.createDirectories(tmp);
    Npz.write(tmp.resolve(WEIGHTS), weights);
    Map<String, NpyArray> moments = new LinkedHashMap<>();
    optimizer.forEach((k, v) -> moments.put(k, NpyArray.ofFloats(v, v.length)));
    Npz.write(tmp.resolve(OPTIMIZER), moments);
    Json.write(tmp.resolve(METADATA), metadata);
    AtomicFiles.fsyncDirectory(tmp);
    Path target = dir.resolve(name);
    AtomicFiles.deleteTree(target);
    AtomicFiles.moveAtomically(tmp, target);
    Json.write(dir.resolve(LATEST), latest);
    prune(dir, name);
  }

  private static void prune(Path dir, String newest) throws IOException {
    List<Path> checkpoints = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches(CHECKPOINT_NAME))
          .sorted()
          .forEach(checkpoints::add);
    }
    for (int i = 0; i + KEEP < checkpoints.size(); i++) {
      if (!checkpoints.get(i).getFileName().toString().equals(newest)) {
        AtomicFiles.deleteTree(checkpoints.get(i));
      }
    }
  }

  /**
   * Deletes what a killed writer may have left in {@code dir}: half-written checkpoint directories
   * ({@code .tmp-<n>/}) and temporary files of atomic writes ({@code .tmp-*}). Only for the one
   * process that writes the directory, before it starts.
   */
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

  /**
   * The directory of the latest checkpoint.
   *
   * @throws IllegalArgumentException naming the file or directory if {@code dir} is no {@code kind}
   *     directory or its {@code latest.json} names no checkpoint there
   */
  public static Path latestDir(Path dir, Kind kind) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such " + kind.noun() + " directory");
    }
    Path latest = dir.resolve(LATEST);
    if (!Files.isRegularFile(latest)) {
      throw new IllegalArgumentException(
          dir
              + ": not a "
              + kind.noun()
              + " directory (no "
              + LATEST
              + "); expected the --out of "
              + kind.producer());
    }
    String name = Json.read(latest, Pointer.class).checkpoint();
    if (name == null || !name.matches(CHECKPOINT_NAME)) {
      throw new IllegalArgumentException(
          latest + ": key 'checkpoint' is '" + name + "'; expected ckpt-<" + kind.counter() + ">");
    }
    Path checkpoint = dir.resolve(name);
    if (!Files.isDirectory(checkpoint)) {
      throw new IllegalArgumentException(
          latest + ": key 'checkpoint' names " + name + ", which is missing from " + dir);
    }
    return checkpoint;
  }

  /**
   * The float arrays of an {@code .npz} file of a checkpoint.
   *
   * @throws IllegalArgumentException naming the file (and key and index) if it is missing,
   *     unreadable or holds a value that is not finite
   */
  public static Map<String, float[]> readFloats(Path file) {
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
