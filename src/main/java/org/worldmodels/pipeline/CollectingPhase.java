package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A phase that records a round's real episodes: the journal keeps how many it collected and their
 * mean return, and a restore reloads every episode on disk with those figures.
 */
interface CollectingPhase extends RunPhase {
  @Override
  default JsonNode save(RunContext run) {
    return run.savedCollected();
  }

  @Override
  default void restore(RunContext run, JsonNode saved) throws IOException {
    run.restoreCollected(saved);
  }
}
