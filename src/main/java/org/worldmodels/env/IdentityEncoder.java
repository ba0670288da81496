package org.worldmodels.env;

import java.util.Arrays;

/**
 * The encoder of state-vector environments: {@code z = observation}. CartPole's and Pendulum's
 * observations are their (float32) states, so nothing needs learning. It holds nothing, so closing
 * it does nothing.
 */
public final class IdentityEncoder implements Encoder {
  /** The only instance; the encoder has no state. */
  public static final IdentityEncoder INSTANCE = new IdentityEncoder();

  private IdentityEncoder() {}

  /** A copy of {@code observation}, so that episodes never share arrays with the environment. */
  @Override
  public float[] encode(float[] observation) {
    return observation.clone();
  }

  /**
   * The observation's length, for a vector space (one axis).
   *
   * @throws IllegalArgumentException for a space of several axes (a frame needs a learned encoder)
   */
  @Override
  public int zSize(Space observationSpace) {
    if (observationSpace == null) {
      throw new IllegalArgumentException("observation space must not be null");
    }
    int[] shape = observationSpace.shape();
    if (shape.length != 1) {
      throw new IllegalArgumentException(
          "the identity encoder reads vector observations, got shape "
              + Arrays.toString(shape)
              + "; frames need a learned encoder (vae)");
    }
    return observationSpace.dimension();
  }

  @Override
  public String toString() {
    return "IdentityEncoder";
  }
}
