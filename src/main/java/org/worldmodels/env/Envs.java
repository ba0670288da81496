package org.worldmodels.env;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The one registry of environments: creates them by their short name and describes them.
 *
 * <pre>{@code
 * Env env = Envs.make("pendulum");     // a PendulumEnv
 * Envs.make("mountaincar");            // IllegalArgumentException listing cartpole, pendulum
 * Envs.describe("cartpole").gymnasiumName();   // "CartPole-v1"
 * Envs.lookup("CartPole-v1").map(EnvDescription::observationNames); // [x, x_dot, theta, theta_dot]
 * }</pre>
 *
 * <p>Adding an environment is one {@link Env} class and one line in {@code REGISTERED} (plus its
 * recipe under {@code envs/}); help texts, recipes and plots pick it up from here.
 */
public final class Envs {
  /** One registered environment: names, one line about the task, and how to make it. */
  private record Registration(
      String id, String gymnasiumName, String description, LongFunction<Env> factory) {}

  private static final List<Registration> REGISTERED =
      List.of(
          new Registration(
              CartPoleEnv.ID,
              "CartPole-v1",
              "balance a pole on a cart by pushing the cart left or right",
              CartPoleEnv::new),
          new Registration(
              PendulumEnv.ID,
              "Pendulum-v1",
              "swing a pendulum up and hold it upright with a limited torque",
              PendulumEnv::new),
          new Registration(
              AcrobotEnv.ID,
              "Acrobot-v1",
              "swing the tip of a two-link chain above the bar, torque on the middle joint only",
              AcrobotEnv::new));

  /** The names {@link #make} accepts, in registration order; immutable. Same as {@link #ids()}. */
  public static final List<String> IDS = REGISTERED.stream().map(Registration::id).toList();

  private Envs() {}

  /** The names {@link #make} accepts, in registration order; immutable. */
  public static List<String> ids() {
    return IDS;
  }

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
    return registration(id).factory().apply(seed);
  }

  /**
   * What the environment named {@code id} is: its Gymnasium name, task, observation names and
   * action space.
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown
   */
  public static EnvDescription describe(String id) {
    Registration r = registration(id);
    try (Env env = r.factory().apply(0)) {
      return new EnvDescription(
          r.id(), r.gymnasiumName(), r.description(), env.observationNames(), summary(env));
    }
  }

  /**
   * The description of the environment a data spec's free-text {@code env} names, by short name
   * ({@code cartpole}) or Gymnasium name ({@code CartPole-v1}); empty for anything else, null
   * included.
   */
  public static Optional<EnvDescription> lookup(String name) {
    for (Registration r : REGISTERED) {
      if (r.id().equals(name) || r.gymnasiumName().equals(name)) {
        return Optional.of(describe(r.id()));
      }
    }
    return Optional.empty();
  }

  private static Registration registration(String id) {
    for (Registration r : REGISTERED) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "env id must be one of "
            + String.join(", ", IDS)
            + ", got "
            + (id == null ? "null" : "'" + id + "'"));
  }

  private static String summary(Env env) {
    Space actions = env.actionSpace();
    return actions instanceof Discrete ? actions + ", one-hot" : actions.toString();
  }
}
