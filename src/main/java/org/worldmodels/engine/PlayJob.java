package org.worldmodels.engine;

import java.io.Serializable;
import java.nio.file.Path;
import org.worldmodels.control.PlayRequest;

/**
 * A {@link PlayRequest} as plain data an engine can ship (paths as absolute strings).
 *
 * @param model model directory
 * @param controller controller file
 * @param env environment id
 * @param episodes how many
 * @param seed the run's seed
 */
public record PlayJob(String model, String controller, String env, int episodes, long seed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The job of a request. */
  public static PlayJob of(PlayRequest r) {
    return new PlayJob(
        r.model().toAbsolutePath().toString(),
        r.controller().toAbsolutePath().toString(),
        r.env(),
        r.episodes(),
        r.seed());
  }

  /** The request again. */
  PlayRequest request() {
    return new PlayRequest(Path.of(model), Path.of(controller), env, episodes, seed);
  }
}
