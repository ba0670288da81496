package org.worldmodels.engine;

import java.util.List;

/**
 * What a distributed {@code collect} did: the episodes were written where the job said; only these
 * figures come back to the driver.
 *
 * @param episodes episodes written
 * @param steps transitions over all episodes
 * @param checksums CRC-32 of each block's files (bytes of each file in episode order), block order
 */
public record Collected(int episodes, long steps, List<Long> checksums) {
  /** Copies the list. */
  public Collected {
    checksums = List.copyOf(checksums);
  }
}
