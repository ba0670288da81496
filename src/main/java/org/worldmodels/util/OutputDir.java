package org.worldmodels.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An output directory built in a hidden staging directory beside its final place and renamed into
 * place only when complete, so that a command that fails leaves nothing at {@code --out}.
 *
 * <pre>{@code
 * try (OutputDir out = OutputDir.create(path)) {
 *   write(out.staging().resolve("a.png"));
 *   out.commit();        // rename; without it, close() deletes the staging directory
 * }
 * }</pre>
 */
public final class OutputDir implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private boolean committed;

  private OutputDir(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /** Refuses a target that exists and is not an empty directory; creates the staging area. */
  public static OutputDir create(Path target) throws IOException {
    Path abs = requireFresh(target);
    Files.createDirectories(abs.getParent());
    Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
    return new OutputDir(abs, staging);
  }

  /**
   * Checks that {@code target} does not exist or is an empty directory, and returns it absolute.
   *
   * @throws IllegalArgumentException naming the path otherwise
   */
  public static Path requireFresh(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    requireCreatable(target, abs);
    if (!isEmptyOrMissing(abs)) {
      throw new IllegalArgumentException(
          "--out "
              + target
              + (Files.isDirectory(abs)
                  ? ": directory exists and is not empty"
                  : ": exists and is not a directory")
              + "; expected a new directory");
    }
    return abs;
  }

  /** Whether {@code dir} does not exist or is an empty directory (a file is neither). */
  public static boolean isEmptyOrMissing(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /**
   * Checks that {@code target} (an output file) does not exist and that its directory exists or can
   * be created, and returns it absolute.
   *
   * @throws IllegalArgumentException naming the path otherwise
   */
  public static Path requireNewFile(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    requireCreatable(target, abs);
    if (Files.exists(abs)) {
      throw new IllegalArgumentException(
          "--out "
              + target
              + ": "
              + (Files.isDirectory(abs) ? "is a directory" : "file exists")
              + "; expected a new file");
    }
    return abs;
  }

  /**
   * Refuses a path whose nearest existing ancestor is not a writable directory: creating it would
   * fail, and it is better to say so before any work is done.
   */
  private static void requireCreatable(Path target, Path abs) {
    Path p = abs.getParent();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          "--out " + target + ": cannot be created, " + p + " is not a directory");
    }
    if (!Files.isWritable(p)) {
      throw new IllegalArgumentException(
          "--out " + target + ": cannot be created, " + p + " is not writable");
    }
  }

  /** Where the content is written until {@link #commit()}. */
  public Path staging() {
    return staging;
  }

  /** The final location. */
  public Path target() {
    return target;
  }

  /** Moves the staged content into place. */
  public void commit() throws IOException {
    requireFresh(target);
    Files.deleteIfExists(target); // an empty directory is replaced
    AtomicFiles.moveAtomically(staging, target);
    committed = true;
  }

  /** Deletes the staging directory unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      AtomicFiles.deleteTree(staging);
    }
  }
}
