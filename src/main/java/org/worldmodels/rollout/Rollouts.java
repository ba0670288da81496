package org.worldmodels.rollout;

import java.io.IOException;
import java.util.Arrays;
import org.worldmodels.env.AppliedActions;
import org.worldmodels.env.Space;
import org.worldmodels.util.Progress;

/**
 * The one episode loop: runs the episodes of an {@link EpisodePlan} over the slots of a {@link
 * BatchedWorld}, a slot starting the next episode as soon as its episode ends, and hands every
 * start, step and end to a {@link RolloutSink}.
 *
 * <p>Episode {@code i} starts its slot and the policy with {@code plan.seed(i)} and ends at the
 * first step that is terminated or truncated (by the world, or by the plan's time limit). Each
 * episode depends on its seed alone, so the same plan gives the same episodes whatever the number
 * of slots. Actions are applied ({@link AppliedActions}) before the world sees them, and stored as
 * applied.
 */
public final class Rollouts {
  private Rollouts() {}

  /**
   * What a run did.
   *
   * @param episodes episodes run to their end
   * @param steps transitions over all episodes
   */
  public record Totals(int episodes, long steps) {}

  /**
   * Runs {@code plan} in {@code world} with {@code policy}.
   *
   * @param progress told the plan's task, then each finished episode
   * @throws IOException if the sink does
   */
  public static Totals run(
      BatchedWorld world, Policy policy, EpisodePlan plan, RolloutSink sink, Progress progress)
      throws IOException {
    int slots = world.slots();
    int episodes = plan.episodes();
    Space space = world.actionSpace();
    long[] episodeOf = new long[slots];
    Arrays.fill(episodeOf, -1);
    int[] length = new int[slots];
    float[][] z = new float[slots][];
    float[][] applied = new float[slots][space.dimension()];
    float[][] actions = new float[slots][]; // null rows: idle slots
    Transition step = new Transition();
    int next = 0;
    int done = 0;
    long steps = 0;
    progress.start(plan.task(), episodes);
    try {
      for (int s = 0; s < slots && next < episodes; s++) {
        begin(world, policy, plan, sink, s, next++, episodeOf, length, z);
      }
      while (done < episodes) {
        float[][] h = world.hidden();
        for (int s = 0; s < slots; s++) {
          actions[s] =
              episodeOf[s] < 0
                  ? null
                  : AppliedActions.into(space, policy.act(s, z[s], h[s]), applied[s]);
        }
        WorldStep r = world.step(actions);
        for (int s = 0; s < slots; s++) {
          if (episodeOf[s] < 0) {
            continue;
          }
          long e = episodeOf[s];
          length[s]++;
          steps++;
          boolean terminated = r.terminated()[s];
          boolean truncated = r.truncated()[s] || length[s] >= plan.timeLimit();
          z[s] = r.z()[s];
          sink.step(step.set(s, e, applied[s], z[s], r.reward()[s], terminated, truncated));
          if (terminated || truncated) {
            sink.end(s, e);
            done++;
            progress.update(done, steps + " steps");
            episodeOf[s] = -1;
            if (next < episodes) {
              begin(world, policy, plan, sink, s, next++, episodeOf, length, z);
            }
          }
        }
      }
    } finally {
      progress.finish();
    }
    return new Totals(done, steps);
  }

  private static void begin(
      BatchedWorld world,
      Policy policy,
      EpisodePlan plan,
      RolloutSink sink,
      int slot,
      int episode,
      long[] episodeOf,
      int[] length,
      float[][] z)
      throws IOException {
    long seed = plan.seed(episode);
    z[slot] = world.start(slot, seed);
    policy.start(slot, episode, seed);
    sink.start(slot, episode, z[slot]);
    episodeOf[slot] = episode;
    length[slot] = 0;
  }
}
