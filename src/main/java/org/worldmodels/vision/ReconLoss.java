package org.worldmodels.vision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The reconstruction term of the ConvVAE's loss, summed over the pixels and channels of a frame
 * (values in [0, 1]).
 */
public enum ReconLoss {
  /** World Models: squared error of the decoder's sigmoid output. */
  MSE("mse"),
  /** Bernoulli cross-entropy on the decoder's logits (before the sigmoid). */
  BERNOULLI("bernoulli");

  private final String id;

  ReconLoss(String id) {
    this.id = id;
  }

  /** {@code mse} or {@code bernoulli}, as on the command line and in files. */
  @JsonValue
  public String id() {
    return id;
  }

  /** Parses {@code mse} or {@code bernoulli}. */
  @JsonCreator
  public static ReconLoss parse(String s) {
    for (ReconLoss r : values()) {
      if (r.id.equals(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("recon must be mse or bernoulli, got '" + s + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
