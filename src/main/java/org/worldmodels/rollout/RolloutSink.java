package org.worldmodels.rollout;

import java.io.IOException;

/**
 * Receives every start, step and end of the episodes {@link Rollouts#run} runs: {@link
 * EpisodeWriter} (episode files), {@link ReturnSums} (returns), {@link TrajectoryRecorder} (plots).
 * Calls for one episode come in order; episodes in different slots interleave.
 *
 * <p>Arrays are the engine's: {@code z} rows may be kept (worlds never write them again), {@code
 * action} must be copied to be kept.
 */
public interface RolloutSink {

  /** Episode {@code episode} begins in slot {@code slot} at latent {@code z0}. */
  default void start(int slot, long episode, float[] z0) throws IOException {}

  /**
   * One transition of episode {@code episode}: {@code (z_t, action) -> (z, reward, terminated,
   * truncated)}.
   *
   * @param action the applied action; valid during the call only
   */
  default void step(
      int slot,
      long episode,
      float[] action,
      float[] z,
      double reward,
      boolean terminated,
      boolean truncated)
      throws IOException {}

  /**
   * Episode {@code episode} in slot {@code slot} ended (its last step was terminated or truncated).
   */
  default void end(int slot, long episode) throws IOException {}
}
