package org.worldmodels.env;

import java.util.List;

/**
 * A reinforcement-learning environment with Gymnasium's semantics.
 *
 * <ul>
 *   <li>{@link #reset(long)} reseeds the environment's own random stream and starts an episode;
 *       {@link #reset()} starts the next episode from the same stream, without reseeding. An
 *       environment never seeded by {@code reset(long)} uses the seed it was constructed with.
 *   <li>{@link #step} before the first reset, or after a step that ended the episode, throws {@link
 *       IllegalStateException} ("call reset before step").
 *   <li>{@code terminated} (a terminal state of the task) and {@code truncated} (the time limit of
 *       {@link #maxEpisodeSteps()} steps) are kept apart; at the last allowed step both may be
 *       true.
 * </ul>
 *
 * <pre>{@code
 * try (Env env = Envs.make("cartpole")) {
 *   float[] obs = env.reset(42);
 *   StepResult r;
 *   do {
 *     r = env.step(policy.act(obs));
 *     obs = r.observation();
 *   } while (!r.terminated() && !r.truncated());
 * }
 * }</pre>
 *
 * <p>Observations and actions are float vectors; discrete actions are one-hot (see {@link
 * Discrete}).
 */
public interface Env extends AutoCloseable {

  /**
   * Reseeds the environment with {@code seed} and starts a new episode. The same seed always gives
   * the same start, whatever happened before.
   *
   * @return the first observation, shape [{@code observationSpace().dimension()}]
   */
  float[] reset(long seed);

  /**
   * Starts a new episode, drawing the start state from the environment's stream where the last
   * episode left it.
   *
   * @return the first observation
   */
  float[] reset();

  /**
   * Applies {@code action} for one step.
   *
   * @param action shape [{@code actionSpace().dimension()}]; one-hot for a discrete space
   * @throws IllegalArgumentException if the action has the wrong length or NaN entries
   * @throws IllegalStateException if no episode is running
   */
  StepResult step(float[] action);

  /** The space observations live in. */
  Space observationSpace();

  /**
   * The names of the entries of a vector observation, in order (CartPole: {@code x, x_dot, theta,
   * theta_dot}), for plots and help texts. Empty when the entries have no names of their own (a
   * frame, a dreamed latent).
   */
  default List<String> observationNames() {
    return List.of();
  }

  /** The space actions are taken from. */
  Space actionSpace();

  /** The time limit: the step with this 1-based index is reported as truncated. */
  int maxEpisodeSteps();

  /** The short name {@link Envs#make} accepts, e.g. {@code "cartpole"}. */
  String id();

  /** Releases the environment; later calls to reset or step throw. Closing twice is harmless. */
  @Override
  void close();
}
