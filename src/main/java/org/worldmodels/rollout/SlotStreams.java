package org.worldmodels.rollout;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * One random stream per slot, restarted at each episode from (episode seed, tag) alone, so that a
 * policy's draws in an episode depend neither on the episodes before it nor on the slot count. The
 * tag keeps the policy's stream apart from the environment's, which is keyed by the same seed.
 */
final class SlotStreams {
  private final long tag;
  private RandomGenerator[] streams = new RandomGenerator[0];

  SlotStreams(long tag) {
    this.tag = tag;
  }

  /** Restarts slot {@code slot}'s stream for an episode with seed {@code seed}. */
  void start(int slot, long seed) {
    Check.argument(slot >= 0, "slot must be >= 0, got " + slot);
    if (slot >= streams.length) {
      streams = Arrays.copyOf(streams, Math.max(slot + 1, 2 * streams.length));
    }
    streams[slot] = Seeds.stream(seed, tag);
  }

  /** Slot {@code slot}'s stream. */
  RandomGenerator of(int slot) {
    Check.state(
        slot >= 0 && slot < streams.length && streams[slot] != null,
        "slot " + slot + " has no episode: call start before act");
    return streams[slot];
  }
}
