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
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new IllegalArgumentException(
            "--out " + target + ": exists and is not a directory; expected a new directory");
      }
      try (Stream<Path> s = Files.list(abs)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--out " + target + ": directory exists and is not empty; expected a new directory");
        }
      }
    }
    return abs;
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
