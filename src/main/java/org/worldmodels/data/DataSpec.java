package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * <p>Episodes of frames not yet encoded (ARCHITECTURE.md, "Pixels and the vision model V") have no
 * {@code z}: their spec has {@code "observation": {"type": "image", "shape": [H, W, 3]}}, no {@code
 * z_size} (held as 0 here) and no {@code encoder}:
 *
 * <pre>{@code
 * {"action": {"type": "discrete", "n": 2}, "max_episode_steps": 500, "env": "cartpole-pixels",
 *  "observation": {"type": "image", "shape": [64, 64, 3]}}
 * }</pre>
 *
 * @param zSize width Z of a latent, at least 1; 0 (the key absent) only for frames without latents
 * @param action the action space
 * @param maxEpisodeSteps the environment's time limit, or null if none or unknown
 * @param env free text naming the environment, or null
 * @param encoder what turned observations into {@code z}; null stands for {@link
 *     EncoderSpec#IDENTITY} when there is a {@code z}, and stays null when there is none
 * @param observation the observations' kind when they are frames; null for state vectors
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    // Omitted when 0: data without latents has no z_size key.
    @JsonProperty("z_size") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int zSize,
    @JsonProperty("action") ActionSpec action,
    @JsonProperty("max_episode_steps") Integer maxEpisodeSteps,
    @JsonProperty("env") String env,
    @JsonProperty("encoder") EncoderSpec encoder,
    @JsonProperty("observation") ObservationSpec observation) {

  /**
   * Validates the keys; a null encoder becomes the identity when there is a {@code z}.
   *
   * @throws IllegalArgumentException if {@code z_size} is below 1 without image observations, or
   *     below 0
   */
  public DataSpec {
    if (observation == null || zSize != 0) {
      Check.positive("z_size", zSize);
    }
    if (action == null) {
      throw new IllegalArgumentException(
          "'action' is missing; expected {\"type\": \"box\", ...} or {\"type\": \"discrete\","
              + " ...}");
    }
    if (maxEpisodeSteps != null) {
      Check.positive("max_episode_steps", maxEpisodeSteps);
    }
    if (encoder == null && zSize > 0) {
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

  /** The spec of data whose latents {@code encoder} made from vector observations. */
  public DataSpec(
      int zSize, ActionSpec action, Integer maxEpisodeSteps, String env, EncoderSpec encoder) {
    this(zSize, action, maxEpisodeSteps, env, encoder, null);
  }

  /** The spec of episodes of {@code height x width} frames without latents. */
  public static DataSpec frames(
      int height, int width, ActionSpec action, Integer maxEpisodeSteps, String env) {
    return new DataSpec(
        0, action, maxEpisodeSteps, env, null, ObservationSpec.image(height, width));
  }

  /**
   * The spec of these episodes' frames once a VAE encodes them ({@code vae encode}, a pixel run's
   * encode phase): latents of {@code zSize} named by the VAE's {@code sha256}, no image
   * observation, the same action space, time limit and environment.
   */
  public DataSpec encodedBy(int zSize, String sha256) {
    return new DataSpec(zSize, action, maxEpisodeSteps, env, EncoderSpec.vae(sha256), null);
  }

  /**
   * Reads the JSON form, where {@code z_size} may be absent (episodes of frames).
   *
   * @param zSize null when the key is absent
   */
  @JsonCreator
  static DataSpec ofJson(
      @JsonProperty("z_size") Integer zSize,
      @JsonProperty("action") ActionSpec action,
      @JsonProperty("max_episode_steps") Integer maxEpisodeSteps,
      @JsonProperty("env") String env,
      @JsonProperty("encoder") EncoderSpec encoder,
      @JsonProperty("observation") ObservationSpec observation) {
    if (zSize == null && observation == null) {
      throw new IllegalArgumentException(
          "'z_size' is missing; expected the latent width (or an image 'observation' for episodes"
              + " of frames)");
    }
    return new DataSpec(
        zSize == null ? 0 : zSize, action, maxEpisodeSteps, env, encoder, observation);
  }

  /** Whether the data has latents {@code z} ({@code z_size} >= 1). */
  @JsonIgnore
  public boolean hasZ() {
    return zSize > 0;
  }

  /** Whether the observations are frames ({@code observation.type} image). */
  @JsonIgnore
  public boolean hasFrames() {
    return observation != null;
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
