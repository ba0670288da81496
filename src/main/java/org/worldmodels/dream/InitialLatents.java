package org.worldmodels.dream;

import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * Where dreamed episodes start (World Models' reset): episode {@code i} starts from a recorded
 * episode chosen by (seed, i) alone. With a context of {@code K} steps (default 0) only episodes
 * longer than {@code K} are candidates, and a start is {@code z[K]} of the chosen episode together
 * with its prefix {@code z[0..K-1]}, {@code a[0..K-1]}, which {@link DreamEnv#condition} feeds to
 * the LSTM first. A context of 0 draws exactly the starts of before: {@code z[0]} of any episode.
 *
 * <pre>{@code
 * InitialLatents starts = InitialLatents.from(data, 8);
 * InitialLatents.Start s = starts.start(seed, i);   // s.z() = z[8], s.zPrefix() = z[0..7]
 * }</pre>
 */
public final class InitialLatents {
  private static final long STREAM_TAG = 0x1A1_71A1L;

  /**
   * Per candidate episode, its latents {@code z[0..K]} and actions {@code a[0..K-1]}: copies of
   * just the steps a start needs, so the dataset need not stay in memory.
   */
  private final List<float[][]> latents;

  private final List<float[][]> actions;

  private final int context;

  /**
   * A start: the latent {@code z} {@code [Z]} the dream starts from and the recorded steps before
   * it, {@code zPrefix} {@code [K][Z]} and {@code aPrefix} {@code [K][A]} (empty without context).
   */
  public record Start(float[][] zPrefix, float[][] aPrefix, float[] z) {}

  private InitialLatents(List<float[][]> latents, List<float[][]> actions, int context) {
    this.latents = latents;
    this.actions = actions;
    this.context = context;
  }

  /** The first latents of every episode of {@code data}. */
  public static InitialLatents from(Dataset data) {
    return from(data, 0);
  }

  /**
   * Starts at {@code z[context]} of the episodes of {@code data} longer than {@code context}.
   *
   * @throws IllegalArgumentException if {@code context < 0} or no episode is longer than it
   */
  public static InitialLatents from(Dataset data, int context) {
    return from(data, context, "the data");
  }

  private static InitialLatents from(Dataset data, int context, String dataName) {
    Check.argument(data.size() > 0, "no episodes to draw initial latents from");
    Check.argument(context >= 0, "context " + context + ": expected >= 0 steps");
    List<float[][]> zs = new ArrayList<>(data.size());
    List<float[][]> as = new ArrayList<>(data.size());
    int longest = 0;
    for (int i = 0; i < data.size(); i++) {
      Episode e = data.episode(i);
      longest = Math.max(longest, e.length());
      if (e.length() > context) {
        zs.add(rows(e.z(), context + 1));
        as.add(rows(e.action(), context));
      }
    }
    Check.argument(
        !zs.isEmpty(),
        "context "
            + context
            + ": no episode of "
            + dataName
            + " is longer than "
            + context
            + " steps (the longest has "
            + longest
            + ")");
    return new InitialLatents(zs, as, context);
  }

  private static float[][] rows(float[][] m, int n) {
    float[][] out = new float[n][];
    for (int t = 0; t < n; t++) {
      out[t] = m[t].clone();
    }
    return out;
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
    return from(data, 0, modelZSize, dataName, modelName);
  }

  /**
   * As {@link #from(Dataset, int, String, String)}, with a context of {@code context} steps.
   *
   * @throws IllegalArgumentException "context 9: no episode of DATA is longer than 9 steps (the
   *     longest has 5)" when no episode is longer than {@code context}
   */
  public static InitialLatents from(
      Dataset data, int context, int modelZSize, String dataName, String modelName) {
    Check.argument(
        data.zSize() == modelZSize,
        dataName
            + ": z size "
            + data.zSize()
            + "; the model "
            + modelName
            + " expects "
            + modelZSize);
    return from(data, context, dataName);
  }

  /** The starting latent of episode {@code episode} under {@code seed}. */
  public float[] forEpisode(long seed, long episode) {
    return start(seed, episode).z();
  }

  /** The start of episode {@code episode} under {@code seed}, its prefix included; copies. */
  public Start start(long seed, long episode) {
    int pick = Seeds.stream(seed, STREAM_TAG, episode).nextInt(latents.size());
    float[][] z = latents.get(pick);
    return new Start(rows(z, context), rows(actions.get(pick), context), z[context].clone());
  }

  /** The context {@code K}: recorded steps fed before each start. */
  public int context() {
    return context;
  }

  /** Latent size. */
  public int zSize() {
    return latents.get(0)[0].length;
  }

  /** Number of candidate episodes (those longer than the context). */
  public int size() {
    return latents.size();
  }
}
