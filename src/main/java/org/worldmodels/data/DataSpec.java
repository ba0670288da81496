package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Path;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;

/**
 * What a dataset holds, as in its {@code spec.json}:
 *
 * <pre>{@code
 * {"z_size": 32, "action": {"type": "box", "low": [-1], "high": [1]},
 *  "max_episode_steps": 500, "env": "CartPole-v1", "encoder": {"type": "identity"}}
 * }</pre>
 *
 * Unknown keys are ignored so that other tools may add their own; the optional keys are left out
 * when null. An absent {@code encoder} means the identity (files written before the key existed),
 * so a spec read from such a file equals one that names the identity, and is written back with it.
 *
 * @param zSize width Z of a latent, at least 1
 * @param action the action space
 * @param maxEpisodeSteps the environment's time limit, or null if none or unknown
 * @param env free text naming the environment, or null
 * @param encoder what turned observations into {@code z}; null stands for {@link
 *     EncoderSpec#IDENTITY}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    @JsonProperty("z_size") int zSize,
    @JsonProperty("action") ActionSpec action,
    @JsonProperty("max_episode_steps") Integer maxEpisodeSteps,
    @JsonProperty("env") String env,
    @JsonProperty("encoder") EncoderSpec encoder) {

  /** Validates the keys; a null encoder becomes the identity. */
  @JsonCreator
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
    if (encoder == null) {
      encoder = EncoderSpec.IDENTITY;
    }
  }

  /**
   * The spec of state-vector data, whose latents are the observations ({@link
   * EncoderSpec#IDENTITY}).
   */
  public DataSpec(int zSize, ActionSpec action, Integer maxEpisodeSteps, String env) {
    this(zSize, action, maxEpisodeSteps, env, EncoderSpec.IDENTITY);
  }

  /** Width A of an action vector. */
  public int actionSize() {
    return action.size();
  }

  /** Reads a spec file; errors name the file. */
  public static DataSpec read(Path file) {
    return Json.read(file, DataSpec.class);
  }

  /**
   * Reads a spec held as a JSON tree, such as the copy a model directory keeps in its checkpoint
   * metadata.
   *
   * @param source names the tree in error messages, e.g. the metadata file
   * @throws IllegalArgumentException naming {@code source} if the tree is not a valid spec
   */
  public static DataSpec fromJson(JsonNode json, String source) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          source + ": the data spec must be a JSON object, got " + json);
    }
    try {
      return Json.treeToValue(json, DataSpec.class);
    } catch (ValueInstantiationException e) {
      // A record's own check: its message already says what is wrong.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(source + ": " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Writes this spec as indented JSON, atomically. */
  public void write(Path file) throws IOException {
    Json.write(file, this);
  }
}
