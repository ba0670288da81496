package org.worldmodels.data;

import java.nio.file.Path;

/**
 * An episode file, series file or data directory that does not meet the episode contract
 * (ARCHITECTURE.md, "Episode files"). The message is one line naming the file, the key, what was
 * expected and what was found, e.g.
 *
 * <pre>
 * data/episode_000003.npz: key 'z': has 7 rows but 'action' has 5; expected T+1 = 6
 * </pre>
 *
 * <p>An {@link IllegalArgumentException}: the data is the caller's input, so the command line
 * reports it as a bad argument (exit 2), not a bug.
 */
public class EpisodeFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A problem with one array of {@code file}. */
  public EpisodeFormatException(Path file, String key, String detail) {
    super(file + ": key '" + key + "': " + detail);
  }

  /** A problem with {@code file} (or directory) as a whole. */
  public EpisodeFormatException(Path file, String detail) {
    super(file + ": " + detail);
  }

  /** A message already naming file and key, with the lower-level error that found it. */
  public EpisodeFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
