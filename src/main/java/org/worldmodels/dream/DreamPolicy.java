package org.worldmodels.dream;

/**
 * Chooses actions for the rows of a dream. A row slot runs one episode after another; {@link
 * #start} tells the policy which episode a slot begins, so a stochastic policy can key its stream
 * by episode and stay independent of the batch.
 */
public interface DreamPolicy {
  /** Slot {@code slot} begins episode {@code episode}. */
  default void start(int slot, long episode) {}

  /**
   * The action for slot {@code slot}: {@code a_t = C([z_t, h_t])}, with {@code h} the LSTM output
   * before {@code (z_t, a_t)} is fed.
   */
  float[] act(int slot, float[] z, float[] h);
}
