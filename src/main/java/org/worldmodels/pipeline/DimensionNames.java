package org.worldmodels.pipeline;

/** Names of the state variables of the built-in environments, for plots. */
final class DimensionNames {
  private DimensionNames() {}

  static String[] of(String env) {
    if (env == null) {
      return null;
    }
    return switch (env) {
      case "cartpole", "CartPole-v1" -> new String[] {"x", "x_dot", "theta", "theta_dot"};
      case "pendulum", "Pendulum-v1" -> new String[] {"cos theta", "sin theta", "theta_dot"};
      default -> null;
    };
  }
}
