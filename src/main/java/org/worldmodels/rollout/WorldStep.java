package org.worldmodels.rollout;

/**
 * What one {@link BatchedWorld#step} gave each active slot. The arrays belong to the world, which
 * overwrites them at its next step (the {@code z} rows themselves are fresh arrays the world never
 * writes again); entries of idle slots are meaningless.
 */
public final class WorldStep {
  private final float[][] z;
  private final double[] reward;
  private final boolean[] terminated;
  private final boolean[] truncated;

  /** Room for {@code slots} slots. */
  public WorldStep(int slots) {
    this.z = new float[slots][];
    this.reward = new double[slots];
    this.terminated = new boolean[slots];
    this.truncated = new boolean[slots];
  }

  /** Next latents {@code z_{t+1}}, [B][Z]. */
  public float[][] z() {
    return z;
  }

  /** Rewards {@code r_t}, [B]. */
  public double[] reward() {
    return reward;
  }

  /** Whether each slot reached a terminal state of the task, [B]. */
  public boolean[] terminated() {
    return terminated;
  }

  /** Whether each slot was cut by a time limit of the world itself, [B]. */
  public boolean[] truncated() {
    return truncated;
  }

  /** Records slot {@code slot}'s outcome. */
  void set(int slot, float[] zNext, double r, boolean term, boolean trunc) {
    z[slot] = zNext;
    reward[slot] = r;
    terminated[slot] = term;
    truncated[slot] = trunc;
  }
}
