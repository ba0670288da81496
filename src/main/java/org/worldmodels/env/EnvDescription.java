package org.worldmodels.env;

import java.util.List;

/**
 * What {@link Envs#describe} says about a registered environment, for help texts and plots.
 *
 * @param id the short name {@link Envs#make} accepts, e.g. {@code cartpole}
 * @param gymnasiumName the Gymnasium environment it reproduces, e.g. {@code CartPole-v1}
 * @param description one line: the task
 * @param observationNames the names of the observation's entries ({@link Env#observationNames()})
 * @param actions a one-line summary of the action space, e.g. {@code Discrete(2), one-hot}
 */
public record EnvDescription(
    String id,
    String gymnasiumName,
    String description,
    List<String> observationNames,
    String actions) {

  /** Copies the names, so that a description cannot be changed. */
  public EnvDescription {
    observationNames = List.copyOf(observationNames);
  }
}
