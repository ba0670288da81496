package org.worldmodels.util;

/**
 * The phases of a run that draw randomness of their own. Each has a fixed tag that enters the seed
 * hash ({@link SeedKey}), so that no two phases ever share a stream: collecting never reuses a
 * scoring seed, and a dream never reuses a real start.
 */
public enum SeedPhase {
  /** Real episodes recorded for training (random or controller policy). */
  COLLECT(1),
  /** Dreamed rollouts that score CMA-ES candidates. */
  CONTROL(2),
  /** Real episodes that score a controller. */
  PLAY(3),
  /** Dreamed episodes written by {@code dream}. */
  DREAM(4),
  /**
   * Real episodes on which a run's later round decides between its agent and the previous round's
   * ({@code rounds.real_contest}); never scored, never recorded.
   */
  CONTEST(5);

  private final long tag;

  SeedPhase(long tag) {
    this.tag = tag;
  }

  /** The tag hashed into every seed of this phase; fixed forever (files depend on it). */
  public long tag() {
    return tag;
  }
}
