package org.worldmodels.util;

import java.nio.file.Path;

/**
 * The check that a resumed run has the environment setting it was started with (thread counts,
 * which fix the bits): a run continued under another would fork from the uninterrupted one.
 */
public final class ResumeSetting {
  private ResumeSetting() {}

  /**
   * Throws unless {@code now} equals {@code then}, the value of environment variable {@code
   * variable} that the checkpoint in {@code dir} was written under.
   *
   * @throws IllegalArgumentException naming the variable, both values and the value to set
   */
  public static void check(Path dir, String variable, Object then, Object now) {
    if (!then.equals(now)) {
      throw new IllegalArgumentException(
          "--resume: "
              + dir
              + " was trained with "
              + variable
              + "="
              + then
              + ", now "
              + now
              + "; set "
              + variable
              + "="
              + then
              + " before the JVM starts to continue it bit for bit");
    }
  }
}
