package org.worldmodels.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.WorldModel;
import org.worldmodels.control.Controller;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.dream.DreamPolicy;
import org.worldmodels.dream.RandomDreamPolicy;

/** Turns a {@code --policy} value into a policy. */
final class Policies {
  private Policies() {}

  /** {@code random}, or a controller JSON file written by {@code control}. */
  static DreamPolicy forDream(String policy, WorldModel model, long seed) {
    if ("random".equals(policy)) {
      return new RandomDreamPolicy(model.spec().action(), seed);
    }
    Path file = Path.of(policy);
    if (!policy.endsWith(".json") && !Files.exists(file)) {
      throw new IllegalArgumentException(
          "--policy must be random or a controller JSON file, got '" + policy + "'");
    }
    ControllerFile cf = ControllerFile.read(file);
    cf.requireMatches(model.config(), model.directory().toString());
    Controller c = cf.controller();
    return (slot, z, h) -> c.act(z, h);
  }
}
