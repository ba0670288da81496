package org.worldmodels.util;

/**
 * Where a random stream sits in a run: (run seed, phase, round, generation, candidate, episode),
 * unused parts zero. {@link #seed()} hashes all six into one 64-bit seed, so that runs at
 * neighbouring seeds share no start state and every stream depends on nothing but its key (not on a
 * batch size, a thread or an engine).
 *
 * <p>The rule, written down in {@code docs/architecture.md} ("Seeds"): {@code seed = Seeds.mix(run,
 * phase.tag(), round, generation, candidate, episode)}, with {@link Seeds#mix} SplitMix64's
 * finaliser applied to the run seed and then folded with each part in turn.
 *
 * <pre>{@code
 * long reset = SeedKey.collect(7, 0, 12).seed(); // episode 12 of round 0 of a run at seed 7
 * long row = SeedKey.control(7, 0, 3, 5, 1).seed(); // generation 3, candidate 5, rollout 1
 * }</pre>
 *
 * @param run the run's seed ({@code --seed})
 * @param phase which phase draws
 * @param round iterative-training round, 0 for the first (and only) one
 * @param generation CMA-ES generation, 0-based; the final mean's scoring uses {@code generations}
 * @param candidate CMA-ES candidate within the generation
 * @param episode episode (or rollout) index within its phase, round, generation and candidate
 */
public record SeedKey(
    long run, SeedPhase phase, int round, int generation, int candidate, long episode) {

  public SeedKey {
    Check.argument(phase != null, "seed phase must not be null");
    Check.inRange("round", round, 0, Integer.MAX_VALUE);
    Check.inRange("generation", generation, 0, Integer.MAX_VALUE);
    Check.inRange("candidate", candidate, 0, Integer.MAX_VALUE);
    Check.argument(episode >= 0, "episode must be >= 0, got " + episode);
  }

  /** Episode {@code episode} collected in round {@code round}. */
  public static SeedKey collect(long run, int round, long episode) {
    return new SeedKey(run, SeedPhase.COLLECT, round, 0, 0, episode);
  }

  /** Real scoring episode {@code episode} of round {@code round}'s controller. */
  public static SeedKey play(long run, int round, long episode) {
    return new SeedKey(run, SeedPhase.PLAY, round, 0, 0, episode);
  }

  /** Real contest episode {@code episode} of round {@code round} (both contestants face it). */
  public static SeedKey contest(long run, int round, long episode) {
    return new SeedKey(run, SeedPhase.CONTEST, round, 0, 0, episode);
  }

  /** Dreamed rollout {@code rollout} of candidate {@code candidate} in a CMA-ES generation. */
  public static SeedKey control(long run, int round, int generation, int candidate, long rollout) {
    return new SeedKey(run, SeedPhase.CONTROL, round, generation, candidate, rollout);
  }

  /** Episode {@code episode} of the {@code dream} command. */
  public static SeedKey dream(long run, long episode) {
    return new SeedKey(run, SeedPhase.DREAM, 0, 0, 0, episode);
  }

  /** The same key for another episode. */
  public SeedKey withEpisode(long e) {
    return new SeedKey(run, phase, round, generation, candidate, e);
  }

  /** The 64-bit seed of this key. */
  public long seed() {
    return Seeds.mix(run, phase.tag(), round, generation, candidate, episode);
  }
}
