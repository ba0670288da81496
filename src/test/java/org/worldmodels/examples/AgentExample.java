package org.worldmodels.examples;

import java.nio.file.Path;
import org.worldmodels.WorldModel;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamState;
import org.worldmodels.dream.DreamStep;

/**
 * The README's "Using the world model from an agent" example. {@code ReadmeExampleTest} runs it and
 * checks that the README shows exactly the code between the markers.
 */
final class AgentExample {
  private AgentExample() {}

  /** What the example leaves: each row's return and the two branches from one snapshot. */
  record Result(double[] returns, DreamStep a, DreamStep b) {}

  static Result run(Path modelDir) throws Exception {
    // README:start
    int rows = 8;
    double[] returns = new double[rows];
    DreamStep a; // two futures from one point, compared after the dream is closed
    DreamStep b;
    try (WorldModel model = WorldModel.load(modelDir);
        DreamEnv dream = model.dreamEnv(rows, 1.0, 42)) {
      int zSize = model.config().zSize();
      int aSize = model.config().actionSize();
      float[][] z = new float[rows][zSize]; // start latents, e.g. z[0] of recorded episodes
      dream.reset(z);
      for (int t = 0; t < 50; t++) {
        float[][] h = dream.hidden(); // the LSTM state before (z_t, a_t): a controller's input
        float[][] action = new float[rows][aSize];
        for (int r = 0; r < rows; r++) {
          action[r][0] = h[r][0] + z[r][0] > 0 ? -1f : 1f; // any policy of [z, h]
        }
        DreamStep step = dream.step(z, action);
        for (int r = 0; r < rows; r++) {
          returns[r] += step.reward()[r];
        }
        z = step.z(); // feed back the sample, or a real observation to condition the dream
      }
      DreamState here = dream.snapshot(); // branch futures from this point
      a = dream.step(z, new float[rows][aSize]);
      dream.restore(here);
      b = dream.step(z, new float[rows][aSize]); // identical to a
    }
    // README:end
    return new Result(returns, a, b);
  }
}
