package org.worldmodels.env;

/**
 * Turns an environment's observation into the latent {@code z} that episode files, the MDN-RNN and
 * controllers see. For a state-vector environment the state already is a good latent ({@link
 * IdentityEncoder}); a pixel environment would plug a learned encoder (World Models' VAE) in here.
 */
public interface Encoder {

  /**
   * The latent of one observation.
   *
   * @param observation shape [O]
   * @return a fresh array of shape [{@link #zSize(int) zSize(O)}] that the caller may keep
   */
  float[] encode(float[] observation);

  /** Width Z of the latent of an observation of width {@code observationSize}. */
  int zSize(int observationSize);
}
