package org.worldmodels.env;

/**
 * Chooses an action from an observation: {@code a_t = policy(o_t)}.
 *
 * <p>Actions must lie in the environment's action space; a discrete action is one-hot.
 */
public interface Policy {

  /**
   * The action for {@code observation}.
   *
   * @return a fresh array the caller may keep
   */
  float[] act(float[] observation);

  /**
   * Called at the start of each episode with that episode's seed, so that a policy with state or
   * randomness can make the episode reproducible on its own. Stateless policies ignore it.
   */
  default void reset(long seed) {}
}
