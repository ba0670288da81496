package org.worldmodels.rnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.worldmodels.util.Check;

/**
 * The per-dimension least and greatest training latent, as a checkpoint stores it ({@code
 * "latentRange": {"min": [...], "max": [...]}}). Only carried here: {@code rnn} does not depend on
 * {@code data}, whose {@code LatentRange} computes, checks and uses the range (the facade {@code
 * WorldModel} converts, and compares ranges there).
 *
 * @param min least value per dimension
 * @param max greatest value per dimension, as many as {@code min}
 */
public record LatentBounds(@JsonProperty("min") float[] min, @JsonProperty("max") float[] max) {

  public LatentBounds {
    Check.argument(min != null && max != null, "latent range needs 'min' and 'max'");
    min = min.clone();
    max = max.clone();
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }
}
