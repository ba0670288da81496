package org.worldmodels.env;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The one registry of environments: creates them by their short name and describes them.
 *
 * <pre>{@code
 * Env env = Envs.make("pendulum");     // a PendulumEnv
 * Envs.make("mountaincar");            // IllegalArgumentException listing cartpole, pendulum, ...
 * Envs.make("cartpole-pixels", 0, 64); // a PixelEnv of CartPole-v1, 64 x 64 frames
 * Envs.describe("cartpole").gymnasiumName();   // "CartPole-v1"
 * Envs.lookup("CartPole-v1").map(EnvDescription::observationNames); // [x, x_dot, theta, theta_dot]
 * }</pre>
 *
 * <p>Adding an environment is one {@link Env} class and one line in {@code REGISTERED} (plus its
 * recipe under {@code envs/}); help texts, recipes and plots pick it up from here.
 */
public final class Envs {
  /** Makes an environment from its seed and, for a pixel environment, its frame side. */
  @FunctionalInterface
  private interface Factory {
    Env make(long seed, int frameSize);
  }

  /**
   * One registered environment: names, one line about the task, and how to make it.
   *
   * @param pixels whether its observations are frames (whose side {@code make} takes)
   */
  private record Registration(
      String id, String gymnasiumName, String description, boolean pixels, Factory factory) {

    /** A state-vector environment, which has no frame size. */
    Registration(String id, String gymnasiumName, String description, LongFunction<Env> make) {
      this(id, gymnasiumName, description, false, (seed, frameSize) -> make.apply(seed));
    }
  }

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
              AcrobotEnv::new),
          new Registration(
              PixelEnv.CARTPOLE_ID,
              "CartPole-v1",
              "CartPole-v1 seen through its rendered RGB frames (observation [N, N, 3] in [0, 1])",
              true,
              PixelEnv::cartPole),
          new Registration(
              PixelEnv.PENDULUM_ID,
              "Pendulum-v1",
              "Pendulum-v1 seen through its rendered RGB frames (observation [N, N, 3] in [0, 1])",
              true,
              PixelEnv::pendulum));

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
    return make(id, seed, PixelEnv.DEFAULT_FRAME_SIZE);
  }

  /**
   * The environment named {@code id}, seeded as by {@link #make(String, long)}; a pixel environment
   * draws frames of {@code frameSize x frameSize}, a state-vector environment ignores the size.
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown, or the range
   *     if a pixel environment's {@code frameSize} is outside [8, 512]
   */
  public static Env make(String id, long seed, int frameSize) {
    return registration(id).factory().make(seed, frameSize);
  }

  /**
   * The environment named {@code id} as {@code encoder} reads it: a pixel environment draws frames
   * of the size a {@link VaeEncoder} reads (otherwise the default); seeded with 0 until reset.
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown
   */
  public static Env make(String id, Encoder encoder) {
    int side = encoder instanceof VaeEncoder v ? v.frameSize() : PixelEnv.DEFAULT_FRAME_SIZE;
    return make(id, 0, side);
  }

  /**
   * Whether the environment named {@code id} observes frames ({@link PixelEnv}).
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown
   */
  public static boolean isPixels(String id) {
    return registration(id).pixels();
  }

  /**
   * What the environment named {@code id} is: its Gymnasium name, task, observation names and
   * action space.
   *
   * @throws IllegalArgumentException naming the accepted ids if {@code id} is unknown
   */
  public static EnvDescription describe(String id) {
    Registration r = registration(id);
    try (Env env = r.factory().make(0, PixelEnv.DEFAULT_FRAME_SIZE)) {
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
      // A Gymnasium name means the state-vector environment, registered before its pixel twin.
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
