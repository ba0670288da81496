package org.worldmodels.util;

/**
 * Receives progress of long work (training steps, episodes). The command line shows it as a bar on
 * standard error; library callers may ignore it ({@link #NONE}).
 */
public interface Progress {
  /** Discards every report. */
  Progress NONE = new Progress() {};

  /** A task of {@code total} units starts. */
  default void start(String task, long total) {}

  /** {@code done} units of the current task are complete; {@code extra} is a short status. */
  default void update(long done, String extra) {}

  /** The current task is over. */
  default void finish() {}
}
