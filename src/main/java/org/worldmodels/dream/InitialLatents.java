package org.worldmodels.dream;

import java.util.List;
import org.worldmodels.data.Dataset;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * Where dreamed episodes start (World Models' reset): episode {@code i} starts from {@code z[0]} of
 * a recorded episode chosen by (seed, i) alone.
 */
public final class InitialLatents {
  private static final long STREAM_TAG = 0x1A1_71A1L;
  private final List<float[]> starts;

  private InitialLatents(List<float[]> starts) {
    this.starts = starts;
  }

  /** The first latents of every episode of {@code data}. */
  public static InitialLatents from(Dataset data) {
    Check.argument(data.size() > 0, "no episodes to draw initial latents from");
    List<float[]> s = new java.util.ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      s.add(data.episode(i).z()[0].clone());
    }
    return new InitialLatents(s);
  }

  /**
   * The first latents of every episode of {@code data}, checked against the latent size of the
   * model that will dream from them; {@code control}, {@code dream} and the pipeline share this
   * check.
   *
   * @param dataName how to name the episodes in a message, e.g. {@code "initial DIR"}
   * @param modelName how to name the model, e.g. its directory
   * @throws IllegalArgumentException "DATA: z size 3; the model MODEL expects 2" on a mismatch
   */
  public static InitialLatents from(
      Dataset data, int modelZSize, String dataName, String modelName) {
    Check.argument(
        data.zSize() == modelZSize,
        dataName
            + ": z size "
            + data.zSize()
            + "; the model "
            + modelName
            + " expects "
            + modelZSize);
    return from(data);
  }

  /** The starting latent of episode {@code episode} under {@code seed}. */
  public float[] forEpisode(long seed, long episode) {
    int pick = Seeds.stream(seed, STREAM_TAG, episode).nextInt(starts.size());
    return starts.get(pick).clone();
  }

  /** Latent size. */
  public int zSize() {
    return starts.get(0).length;
  }

  /** Number of recorded starts. */
  public int size() {
    return starts.size();
  }
}
