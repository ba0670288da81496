package org.worldmodels.env;

import java.util.List;

/**
 * Creates environments by their short name.
 *
 * <pre>{@code
 * Env env = Envs.make("pendulum");   // a PendulumEnv
 * Envs.make("mountaincar");          // IllegalArgumentException listing cartpole, pendulum
 * }</pre>
 */
public final class Envs {
  /** The names {@link #make} accepts. */
  public static final List<String> IDS = List.of(CartPoleEnv.ID, PendulumEnv.ID);

  private Envs() {}

  /** The environment named {@code id}, seeded with 0 until {@code reset(seed)} reseeds it. */
  public static Env make(String id) {
    return make(id, 0);
  }

  /**
   * The environment named {@code id}, whose {@link Env#reset()} stream starts from {@code seed}.
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown
   */
  public static Env make(String id, long seed) {
    if (id == null) {
      throw new IllegalArgumentException(
          "env id must be one of " + String.join(", ", IDS) + ", got null");
    }
    return switch (id) {
      case CartPoleEnv.ID -> new CartPoleEnv(seed);
      case PendulumEnv.ID -> new PendulumEnv(seed);
      default ->
          throw new IllegalArgumentException(
              "env id must be one of " + String.join(", ", IDS) + ", got '" + id + "'");
    };
  }
}
