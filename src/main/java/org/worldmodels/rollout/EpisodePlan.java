package org.worldmodels.rollout;

import java.util.function.LongUnaryOperator;
import org.worldmodels.util.Check;
import org.worldmodels.util.SeedKey;

/**
 * Which episodes {@link Rollouts#run} runs: how many, the seed of each (its key under the seed rule
 * of {@link SeedKey}) and the time limit of each.
 *
 * <pre>{@code
 * EpisodePlan.collect(7, 0, 100, 500); // episode i reset with SeedKey.collect(7, 0, i).seed()
 * }</pre>
 *
 * @param task what progress reports call the work ("collect", "play", "dream")
 * @param episodes how many episodes, indices {@code 0..episodes-1}
 * @param seeds episode index to the seed its world slot and its policy start with
 * @param timeLimit an episode is truncated after this many steps, if the world has not ended it
 */
public record EpisodePlan(String task, int episodes, LongUnaryOperator seeds, int timeLimit) {

  public EpisodePlan {
    Check.argument(task != null, "task must not be null");
    Check.inRange("episodes", episodes, 0, Integer.MAX_VALUE);
    Check.argument(seeds != null, "seeds must not be null");
    Check.positive("time limit", timeLimit);
  }

  /** Collect episode {@code i} of round {@code round}: {@code SeedKey.collect(run, round, i)}. */
  public static EpisodePlan collect(long run, int round, int episodes, int timeLimit) {
    return new EpisodePlan(
        "collect", episodes, i -> SeedKey.collect(run, round, i).seed(), timeLimit);
  }

  /** Play episode {@code i} of round {@code round}: {@code SeedKey.play(run, round, i)}. */
  public static EpisodePlan play(long run, int round, int episodes, int timeLimit) {
    return new EpisodePlan("play", episodes, i -> SeedKey.play(run, round, i).seed(), timeLimit);
  }

  /**
   * Real contest episode {@code i} of round {@code round}: {@code SeedKey.contest(run, round, i)}.
   */
  public static EpisodePlan contest(long run, int round, int episodes, int timeLimit) {
    return new EpisodePlan(
        "contest", episodes, i -> SeedKey.contest(run, round, i).seed(), timeLimit);
  }

  /** Dreamed episode {@code i} of the {@code dream} command: {@code SeedKey.dream(run, i)}. */
  public static EpisodePlan dream(long run, int episodes, int timeLimit) {
    return new EpisodePlan("dream", episodes, i -> SeedKey.dream(run, i).seed(), timeLimit);
  }

  /** The seed of episode {@code index}. */
  public long seed(long index) {
    return seeds.applyAsLong(index);
  }
}
