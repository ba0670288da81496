package org.worldmodels.dream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Episode;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;

/**
 * Dreams whole episodes in batches: {@code B} row slots each run one episode after another until
 * all are done. Episode {@code i} is dreamed by row id {@code i} and starts from {@code
 * starts.forEpisode(seed, i)}, so it is the same whatever the batch size.
 */
public final class DreamRollouts {
  private DreamRollouts() {}

  /** Receives each finished episode. */
  @FunctionalInterface
  public interface EpisodeSink {
    void accept(long index, Episode episode) throws IOException;
  }

  /**
   * Totals of a run.
   *
   * @param episodes episodes dreamed
   * @param steps transitions dreamed
   */
  public record Result(long episodes, long steps) {}

  /**
   * Dreams {@code episodes} episodes of at most {@code maxSteps} steps each. An episode ends when
   * the done head says so ({@code terminated}) or at {@code maxSteps} ({@code truncated}).
   */
  public static Result run(
      WorldModel model,
      DreamOptions options,
      InitialLatents starts,
      DreamPolicy policy,
      int episodes,
      int maxSteps,
      EpisodeSink sink,
      Progress progress)
      throws IOException {
    Check.inRange("episodes", episodes, 0, Integer.MAX_VALUE);
    Check.positive("max steps", maxSteps);
    int zs = model.config().zSize();
    int as = model.config().actionSize();
    Check.argument(
        starts.zSize() == zs,
        "initial latents have size " + starts.zSize() + "; the model expects " + zs);
    int b = Math.max(1, Math.min(options.batchSize(), episodes));
    DreamOptions opts = options.toBuilder().batchSize(b).build();
    long seed = options.seed();
    Slot[] slots = new Slot[b];
    long next = 0;
    long done = 0;
    long steps = 0;
    progress.start("dream", episodes);
    try (DreamEnv env = model.dreamEnv(opts)) {
      float[][] z = new float[b][zs];
      float[][] a = new float[b][as];
      for (int s = 0; s < b; s++) {
        if (next < episodes) {
          slots[s] = new Slot(next, starts.forEpisode(seed, next));
          env.reset(new int[] {s}, new long[] {next}, new float[][] {slots[s].z.get(0)});
          policy.start(s, next);
          next++;
        }
      }
      while (done < episodes) {
        float[][] h = env.hidden();
        for (int s = 0; s < b; s++) {
          if (slots[s] != null) {
            z[s] = slots[s].z.get(slots[s].z.size() - 1);
            a[s] = policy.act(s, z[s], h[s]);
          } else {
            z[s] = new float[zs]; // idle slot at the tail: fed, ignored
            a[s] = new float[as];
          }
        }
        DreamStep step = env.step(z, a);
        for (int s = 0; s < b; s++) {
          Slot slot = slots[s];
          if (slot == null) {
            continue;
          }
          slot.add(a[s], step.z()[s], step.reward()[s], step.done()[s]);
          steps++;
          boolean truncated = slot.length() >= maxSteps;
          if (step.done()[s] || truncated) {
            sink.accept(slot.index, slot.episode(truncated));
            done++;
            progress.update(done, "");
            slots[s] = null;
            if (next < episodes) {
              slots[s] = new Slot(next, starts.forEpisode(seed, next));
              env.reset(new int[] {s}, new long[] {next}, new float[][] {slots[s].z.get(0)});
              policy.start(s, next);
              next++;
            }
          }
        }
      }
    }
    progress.finish();
    return new Result(done, steps);
  }

  /** One episode being dreamed. */
  private static final class Slot {
    final long index;
    final List<float[]> z = new ArrayList<>();
    final List<float[]> action = new ArrayList<>();
    final List<Float> reward = new ArrayList<>();
    final List<Boolean> terminated = new ArrayList<>();

    Slot(long index, float[] z0) {
      this.index = index;
      z.add(z0);
    }

    void add(float[] a, float[] zNext, float r, boolean done) {
      action.add(a);
      z.add(zNext);
      reward.add(r);
      terminated.add(done);
    }

    int length() {
      return action.size();
    }

    Episode episode(boolean truncatedAtEnd) {
      int t = length();
      float[] r = new float[t];
      boolean[] term = new boolean[t];
      boolean[] trunc = new boolean[t];
      for (int i = 0; i < t; i++) {
        r[i] = reward.get(i);
        term[i] = terminated.get(i);
      }
      trunc[t - 1] = truncatedAtEnd;
      return new Episode(z.toArray(new float[0][]), action.toArray(new float[0][]), r, term, trunc);
    }
  }
}
