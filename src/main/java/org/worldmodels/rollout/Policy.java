package org.worldmodels.rollout;

/**
 * Chooses actions for the slots of a {@link BatchedWorld}: {@code a_t = pi(z_t, h_t)}, with {@code
 * h_t} the memory before {@code (z_t, a_t)} is fed (width 0 where no memory model runs, as when
 * collecting with a random policy). A {@code control.Controller} is one.
 *
 * <pre>{@code
 * Policy leanRight = (slot, z, h) -> new float[] {0f, 1f};
 * }</pre>
 *
 * <p>A slot runs one episode after another; {@link #start} tells the policy which episode a slot
 * begins and that episode's seed, so that a stochastic policy keys its stream by the episode and
 * acts the same whatever the number of slots.
 */
@FunctionalInterface
public interface Policy {

  /**
   * The action for slot {@code slot}.
   *
   * @param z the latent {@code z_t}, shape [Z]; read during the call only
   * @param h the memory {@code h_t}, shape [H] (possibly 0); read during the call only
   * @return shape [A]; read by the caller before the next call, so a policy may reuse it
   */
  float[] act(int slot, float[] z, float[] h);

  /**
   * Slot {@code slot} begins episode {@code episode}, whose randomness is keyed by {@code seed}.
   * Stateless policies ignore it.
   */
  default void start(int slot, long episode, long seed) {}
}
