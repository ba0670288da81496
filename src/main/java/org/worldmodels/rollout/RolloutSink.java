package org.worldmodels.rollout;

import java.io.IOException;

/**
 * Receives every start, step and end of the episodes {@link Rollouts#run} runs: {@link
 * EpisodeWriter} (episode files), {@link ReturnSums} (returns), {@link TrajectoryRecorder} (plots).
 * Calls for one episode come in order; episodes in different slots interleave.
 *
 * <p>Latents may be kept (worlds never write them again); actions must be copied to be kept ({@link
 * Transition}).
 */
public interface RolloutSink {

  /** Episode {@code episode} begins in slot {@code slot} at latent {@code z0}. */
  default void start(int slot, long episode, float[] z0) throws IOException {}

  /** One step of an episode; {@code t} is valid during the call only. */
  default void step(Transition t) throws IOException {}

  /**
   * Episode {@code episode} in slot {@code slot} ended (its last step was terminated or truncated).
   */
  default void end(int slot, long episode) throws IOException {}
}
