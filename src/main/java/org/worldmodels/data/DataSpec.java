package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;

/**
 * What a dataset holds, as in its {@code spec.json}:
 *
 * <pre>{@code
 * {"z_size": 32, "action": {"type": "box", "low": [-1], "high": [1]},
 *  "max_episode_steps": 500, "env": "CartPole-v1"}
 * }</pre>
 *
 * Unknown keys are ignored so that other tools may add their own; the optional keys are left out
 * when null.
 *
 * @param zSize width Z of a latent, at least 1
 * @param action the action space
 * @param maxEpisodeSteps the environment's time limit, or null if none or unknown
 * @param env free text naming the environment, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    @JsonProperty("z_size") int zSize,
    @JsonProperty("action") ActionSpec action,
    @JsonProperty("max_episode_steps") Integer maxEpisodeSteps,
    @JsonProperty("env") String env) {

  public DataSpec {
    Check.positive("z_size", zSize);
    if (action == null) {
      throw new IllegalArgumentException(
          "'action' is missing; expected {\"type\": \"box\", ...} or {\"type\": \"discrete\","
              + " ...}");
    }
    if (maxEpisodeSteps != null) {
      Check.positive("max_episode_steps", maxEpisodeSteps);
    }
  }

  /** Width A of an action vector. */
  public int actionSize() {
    return action.size();
  }

  /** Reads a spec file; errors name the file. */
  public static DataSpec read(Path file) {
    return Json.read(file, DataSpec.class);
  }

  /** Writes this spec as indented JSON, atomically. */
  public void write(Path file) throws IOException {
    Json.write(file, this);
  }
}
