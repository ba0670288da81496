package org.worldmodels.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/**
 * Records episodes of a policy in real environments, in the episode format of ARCHITECTURE.md:
 * {@code z} is the encoded observation ({@code z[0]} after reset, {@code z[t+1]} after step t),
 * actions are stored as applied, and {@code terminated} and {@code truncated} stay apart. In pixel
 * environments episodes also keep {@code frames} and {@code state}, and have no {@code z} when the
 * world's encoder is {@link org.worldmodels.env.NoLatentEncoder}.
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
    return append(world, world, policy, dir, 0, episodes, seed, round, progress);
  }

  /**
   * Collects episodes {@code 0..episodes-1} of round {@code round} through {@code through} ({@code
   * world} itself, or a world wrapping it such as a {@link RememberingWorld} that gives a
   * controller its memory), writing episode {@code i} to file {@code first + i}, after the files of
   * earlier rounds. Writes {@code dir/spec.json} if it is missing and otherwise leaves it as it is,
   * after checking that it records what {@code world} records.
   *
   * <pre>{@code
   * try (RealWorld real = RealWorld.open(make, 1, encoder);
   *     RememberingWorld through = new RememberingWorld(real, cell)) {
   *   Collect.append(through, real, controller, dir, 100, 20, 7, 1, Progress.NONE); // files 100..119
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code dir/spec.json} records another world, before any
   *     episode runs
   */
  public static Rollouts.Totals append(
      BatchedWorld through,
      RealWorld world,
      Policy policy,
      Path dir,
      int first,
      int episodes,
      long seed,
      int round,
      Progress progress)
      throws IOException {
    Check.inRange("first episode file", first, 0, MAX_EPISODES - 1);
    Check.inRange("first + episodes", (long) first + episodes, 1, MAX_EPISODES);
    EpisodePlan plan = plan(world, episodes, seed, round);
    Optional<DataSpec> recorded =
        Files.isDirectory(dir) ? EpisodeStore.readSpec(dir) : Optional.empty();
    recorded.ifPresent(
        s ->
            Check.argument(
                s.equals(world.spec()),
                dir
                    + "/"
                    + EpisodeStore.SPEC_FILE
                    + " records "
                    + s
                    + "; this world records "
                    + world.spec()));
    Rollouts.Totals totals =
        Rollouts.run(
            through, policy, plan, writer(EpisodeWriter.toDirectory(dir, first), world), progress);
    if (recorded.isEmpty()) {
      EpisodeStore.writeSpec(dir, world.spec());
    }
    return totals;
  }

  /**
   * Collects episodes {@code start..start+count-1} of round {@code round} (one block of a larger
   * collection, an engine's unit of work) through {@code through}, episode {@code i} keyed by
   * {@code SeedKey.collect(seed, round, i)} and written to file {@code first + i}: the same files,
   * byte for byte, as the whole collection writes for these episodes. Writes no {@code spec.json}
   * ({@link #spec}).
   */
  public static Rollouts.Totals block(
      BatchedWorld through,
      RealWorld world,
      Policy policy,
      Path dir,
      int first,
      int start,
      int count,
      long seed,
      int round)
      throws IOException {
    Check.inRange("first episode file", first, 0, MAX_EPISODES - 1);
    Check.inRange("start", start, 0, MAX_EPISODES - 1);
    Check.inRange("first + start + count", (long) first + start + count, 1, MAX_EPISODES);
    EpisodePlan plan =
        new EpisodePlan(
            "collect",
            count,
            i -> SeedKey.collect(seed, round, start + i).seed(),
            world.maxEpisodeSteps());
    return Rollouts.run(
        through,
        policy,
        plan,
        writer(EpisodeWriter.toDirectory(dir, first + start), world),
        Progress.NONE);
  }

  /** Writes {@code dir/spec.json} for episodes of {@code world}, as {@link #append} does. */
  public static void spec(RealWorld world, Path dir) throws IOException {
    EpisodeStore.writeSpec(dir, world.spec());
  }

  /** As {@link #write}, keeping the episodes in memory instead, in index order. */
  public static List<Episode> episodes(
      RealWorld world, Policy policy, int episodes, long seed, int round) throws IOException {
    EpisodeWriter kept = writer(EpisodeWriter.inMemory(), world);
    Rollouts.run(world, policy, plan(world, episodes, seed, round), kept, Progress.NONE);
    return kept.episodes();
  }

  /** {@code writer}, recording frames and states too if {@code world} has pixel environments. */
  private static EpisodeWriter writer(EpisodeWriter writer, RealWorld world) {
    return world.hasFrames() ? writer.withFramesOf(world) : writer;
  }

  private static EpisodePlan plan(RealWorld world, int episodes, long seed, int round) {
    Check.inRange("episodes", episodes, 1, MAX_EPISODES);
    return EpisodePlan.collect(seed, round, episodes, world.maxEpisodeSteps());
  }
}
