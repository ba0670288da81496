package org.worldmodels.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.env.Spaces;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RandomPolicy;

/** Turns a {@code --policy} value into a policy. */
final class Policies {
  private Policies() {}

  /**
   * {@code random} (uniform over the model's action space, each episode's stream keyed by its
   * seed), or a controller JSON file written by {@code control}.
   */
  static Policy forDream(String policy, WorldModel model) {
    if ("random".equals(policy)) {
      return new RandomPolicy(Spaces.space(model.spec().action()));
    }
    Path file = Path.of(policy);
    if (!policy.endsWith(".json") && !Files.exists(file)) {
      throw new IllegalArgumentException(
          "--policy must be random or a controller JSON file, got '" + policy + "'");
    }
    ControllerFile cf = ControllerFile.read(file);
    cf.requireMatches(model.config(), model.directory().toString());
    return cf.controller();
  }
}
