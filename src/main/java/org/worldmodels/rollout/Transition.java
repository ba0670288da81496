package org.worldmodels.rollout;

/**
 * One step of one episode as {@link Rollouts#run} hands it to a {@link RolloutSink}: {@code (z_t,
 * action) -> (z, reward, terminated, truncated)}. The engine reuses one instance for every step, so
 * a sink reads it during the call only; the {@code z} array itself may be kept (worlds never write
 * it again), the {@code action} array must be copied to be kept.
 */
public final class Transition {
  private int slot;
  private long episode;
  private float[] action;
  private float[] z;
  private double reward;
  private boolean terminated;
  private boolean truncated;

  Transition set(
      int slot,
      long episode,
      float[] action,
      float[] z,
      double reward,
      boolean terminated,
      boolean truncated) {
    this.slot = slot;
    this.episode = episode;
    this.action = action;
    this.z = z;
    this.reward = reward;
    this.terminated = terminated;
    this.truncated = truncated;
    return this;
  }

  /** The slot the episode runs in. */
  public int slot() {
    return slot;
  }

  /** The episode's index in its plan. */
  public long episode() {
    return episode;
  }

  /** The applied action {@code a_t}, [A]; the engine's array, copy to keep. */
  public float[] action() {
    return action;
  }

  /** The next latent {@code z_{t+1}}, [Z]; may be kept. */
  public float[] z() {
    return z;
  }

  /** The reward {@code r_t}. */
  public double reward() {
    return reward;
  }

  /** Whether a terminal state of the task was reached. */
  public boolean terminated() {
    return terminated;
  }

  /** Whether the episode was cut by a time limit (the world's or the plan's). */
  public boolean truncated() {
    return truncated;
  }
}
