package org.worldmodels.rollout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;

/**
 * Records episodes of a policy in real environments, in the episode format of ARCHITECTURE.md:
 * {@code z} is the encoded observation ({@code z[0]} after reset, {@code z[t+1]} after step t),
 * actions are stored as applied, and {@code terminated} and {@code truncated} stay apart.
 *
 * <pre>{@code
 * try (RealWorld world = RealWorld.open(() -> Envs.make("cartpole"), 1, IdentityEncoder.INSTANCE)) {
 *   Collect.write(world, new RandomPolicy(world.actionSpace()), dir, 100, 7, 0, Progress.NONE);
 * }
 * }</pre>
 *
 * <p>Episode {@code i} of round {@code r} of a run at seed {@code S} resets its environment and
 * starts its policy with {@code SeedKey.collect(S, r, i).seed()}, so it depends on nothing but
 * {@code (S, r, i)}: the same seed gives byte-identical files whatever the number of slots, episode
 * 7 is the same whether 8 or 800 are collected, and runs at seeds 0 and 1 share no start state.
 */
public final class Collect {
  /** Most episodes one run may write: their six-digit file names then sort in episode order. */
  public static final int MAX_EPISODES = 1_000_000;

  private Collect() {}

  /**
   * Collects episodes {@code 0..episodes-1} of round {@code round}, writing each to {@code
   * dir/episode_%06d.npz} as soon as it ends, then {@code dir/spec.json}. The directory is created
   * if missing; the caller decides where it lives (a staging directory, usually) and that it holds
   * no other episodes.
   *
   * @param progress told of each finished episode
   */
  public static Rollouts.Totals write(
      RealWorld world,
      Policy policy,
      Path dir,
      int episodes,
      long seed,
      int round,
      Progress progress)
      throws IOException {
    EpisodePlan plan = plan(world, episodes, seed, round);
    Rollouts.Totals totals =
        Rollouts.run(world, policy, plan, EpisodeWriter.toDirectory(dir), progress);
    EpisodeStore.writeSpec(dir, world.spec());
    return totals;
  }

  /** As {@link #write}, keeping the episodes in memory instead, in index order. */
  public static List<Episode> episodes(
      RealWorld world, Policy policy, int episodes, long seed, int round) throws IOException {
    EpisodeWriter kept = EpisodeWriter.inMemory();
    Rollouts.run(world, policy, plan(world, episodes, seed, round), kept, Progress.NONE);
    return kept.episodes();
  }

  private static EpisodePlan plan(RealWorld world, int episodes, long seed, int round) {
    Check.inRange("episodes", episodes, 1, MAX_EPISODES);
    return EpisodePlan.collect(seed, round, episodes, world.maxEpisodeSteps());
  }
}
