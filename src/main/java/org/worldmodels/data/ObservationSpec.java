package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * What a dataset's observations are, as in the {@code "observation"} key of {@code spec.json}:
 * {@code {"type": "image", "shape": [H, W, 3]}} for episodes of frames (ARCHITECTURE.md, "Pixels
 * and the vision model V"). State-vector data has no such key. Unknown keys are ignored; other
 * types are refused.
 *
 * @param type {@value #IMAGE_TYPE}
 * @param shape {@code [H, W, 3]}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObservationSpec(
    @JsonProperty("type") String type, @JsonProperty("shape") List<Integer> shape) {
  /** The type of RGB frames. */
  public static final String IMAGE_TYPE = "image";

  /** Validates type and shape; messages name the key, {@code observation.*}. */
  @JsonCreator
  public ObservationSpec {
    if (!IMAGE_TYPE.equals(type)) {
      throw new IllegalArgumentException(
          "'observation.type' must be "
              + IMAGE_TYPE
              + ", got "
              + (type == null ? "none" : "'" + type + "'"));
    }
    if (shape == null
        || shape.size() != 3
        || shape.stream().anyMatch(Objects::isNull)
        || shape.get(0) < 1
        || shape.get(1) < 1
        || shape.get(2) != Frames.CHANNELS) {
      throw new IllegalArgumentException(
          "'observation.shape' must be [H, W, 3] with H, W >= 1, got " + shape);
    }
    shape = List.copyOf(shape);
  }

  /** RGB frames of {@code height x width}. */
  public static ObservationSpec image(int height, int width) {
    return new ObservationSpec(IMAGE_TYPE, List.of(height, width, Frames.CHANNELS));
  }

  /** Rows H of a frame. */
  @JsonIgnore
  public int height() {
    return shape.get(0);
  }

  /** Columns W of a frame. */
  @JsonIgnore
  public int width() {
    return shape.get(1);
  }
}
