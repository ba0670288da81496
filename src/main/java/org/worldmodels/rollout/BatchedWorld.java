package org.worldmodels.rollout;

import org.worldmodels.env.Space;

/**
 * Anything that steps a batch of episode slots: real environments ({@link RealWorld}), the dream
 * ({@link DreamWorld}), or either with the MDN-RNN remembering ({@link RememberingWorld}). {@link
 * Rollouts#run} drives it; nothing else needs to know which world it is.
 *
 * <p>A slot is idle until {@link #start} begins an episode in it, runs until a step reports it
 * {@code terminated} or {@code truncated} (or the caller stops feeding it), and may then be started
 * again. {@link #step} advances every slot at once; a slot whose action is {@code null} is idle and
 * ignored.
 *
 * <p>Latents handed out ({@link #start}'s result, {@link WorldStep#z()} rows) are fresh arrays the
 * world never writes again, so callers may keep them.
 */
public interface BatchedWorld extends AutoCloseable {

  /** Number of slots {@code B}. */
  int slots();

  /** Latent width {@code Z}. */
  int zSize();

  /** The space actions are applied in (episode files store actions as applied). */
  Space actionSpace();

  /** Action width {@code A}. */
  default int actionSize() {
    return actionSpace().dimension();
  }

  /**
   * Begins an episode in {@code slot}, whatever it was doing, with its randomness keyed by {@code
   * seed} alone.
   *
   * @return the first latent {@code z_0}, shape [Z]
   */
  float[] start(int slot, long seed);

  /**
   * The memory {@code h} of every slot before the next step, shape [B][H]; {@code H = 0} for a
   * world without memory. Read-only, and valid until the next call to {@link #step} or {@link
   * #start}.
   */
  float[][] hidden();

  /**
   * Applies {@code actions[s]} in every slot {@code s} whose action is not {@code null}.
   *
   * @param actions [B][A], applied actions; {@code null} rows for idle slots
   * @return the outcome of the active slots, in an object the world reuses at the next step
   */
  WorldStep step(float[][] actions);

  /** Releases what the world owns; closing twice is harmless. */
  @Override
  void close();
}
