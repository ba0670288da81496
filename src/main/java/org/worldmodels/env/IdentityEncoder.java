package org.worldmodels.env;

/**
 * The encoder of state-vector environments: {@code z = observation}. CartPole's and Pendulum's
 * observations are their (float32) states, so nothing needs learning.
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

  @Override
  public int zSize(int observationSize) {
    return observationSize;
  }

  @Override
  public String toString() {
    return "IdentityEncoder";
  }
}
