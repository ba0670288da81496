package org.worldmodels.cli;

import org.worldmodels.WorldModel;
import org.worldmodels.dream.DreamPolicy;
import org.worldmodels.dream.RandomDreamPolicy;

/** Turns a {@code --policy} value into a policy. */
final class Policies {
  private Policies() {}

  /** {@code random}, or a controller JSON file (once controllers exist). */
  static DreamPolicy forDream(String policy, WorldModel model, long seed) {
    if ("random".equals(policy)) {
      return new RandomDreamPolicy(model.spec().action(), seed);
    }
    throw new IllegalArgumentException(
        "--policy must be random or a controller JSON file, got '" + policy + "'");
  }
}
