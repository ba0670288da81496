package org.worldmodels.env;

import org.worldmodels.data.EncoderSpec;

/**
 * Turns an environment's observation into the latent {@code z} that episode files, the MDN-RNN and
 * controllers see. For a state-vector environment the state already is a good latent ({@link
 * IdentityEncoder}); a pixel environment plugs a learned encoder (World Models' VAE) in here.
 *
 * <p>The encoder a model was trained with is recorded in its data spec and opened again by {@link
 * Encoders#open}; a learned encoder owns native memory, so encoders are closed after use:
 *
 * <pre>{@code
 * try (Encoder encoder = Encoders.open(model.spec(), modelDir)) {
 *   int z = encoder.zSize(env.observationSpace()); // checked against the controller's z
 *   float[] latent = encoder.encode(env.reset(seed));
 * }
 * }</pre>
 */
public interface Encoder extends AutoCloseable {

  /**
   * The latent of one observation.
   *
   * @param observation a flat element of the environment's observation space, row-major in its
   *     {@link Space#shape() shape} (for a frame {@code [H, W, 3]}: {@code H * W * 3} values)
   * @return a fresh array of shape [{@link #zSize zSize(observationSpace)}] that the caller may
   *     keep
   */
  float[] encode(float[] observation);

  /**
   * Width Z of the latent of an observation from {@code observationSpace}.
   *
   * @throws IllegalArgumentException if this encoder cannot read observations of that space
   */
  int zSize(Space observationSpace);

  /**
   * What recorded episodes' {@code spec.json} names as their encoder: the identity by default, a
   * VAE's type and weights' digest for {@link VaeEncoder}.
   */
  default EncoderSpec spec() {
    return EncoderSpec.IDENTITY;
  }

  /** Releases what the encoder holds; nothing by default. Closing twice is harmless. */
  @Override
  default void close() {}
}
