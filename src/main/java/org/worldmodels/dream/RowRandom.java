package org.worldmodels.dream;

import java.util.random.RandomGenerator;
import org.worldmodels.util.Seeds;

/**
 * A row's random stream: SplitMix64 (Steele, Lea and Flood 2014) keyed by (seed, row id). Its whole
 * state is one {@code long}, so a dream can be snapshotted and branched exactly, and a row's draws
 * depend on nothing but its key and how many draws it has made.
 */
public final class RowRandom implements RandomGenerator {
  private static final long GAMMA = 0x9e3779b97f4a7c15L;
  private long state;

  private RowRandom(long state) {
    this.state = state;
  }

  /** The stream of row {@code rowId} under {@code seed}. */
  public static RowRandom of(long seed, long rowId) {
    return new RowRandom(Seeds.mix(seed, rowId));
  }

  /** A stream resuming from a saved {@link #state()}. */
  public static RowRandom fromState(long state) {
    return new RowRandom(state);
  }

  /** The whole state, for snapshots. */
  public long state() {
    return state;
  }

  @Override
  public long nextLong() {
    state += GAMMA;
    return Seeds.mix64(state);
  }
}
