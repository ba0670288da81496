package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;

/**
 * Returns of recorded episodes read from their files' {@code reward} key alone, so that a round's
 * collection is summed the same way whether its episodes hold latents or only frames.
 */
final class EpisodeReturns {
  private static final String REWARD = "reward";

  private EpisodeReturns() {}

  /** Mean return of episodes {@code from..to-1} of {@code dir} (each the sum of its rewards). */
  static double mean(Path dir, int from, int to) throws IOException {
    double sum = 0;
    for (int i = from; i < to; i++) {
      Path file = dir.resolve(EpisodeStore.fileName(i));
      NpyArray reward = Npz.read(file, REWARD::equals).get(REWARD);
      double r = 0;
      for (float x : reward.asFloats()) {
        r += x;
      }
      sum += r;
    }
    return sum / (to - from);
  }
}
