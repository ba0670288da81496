package org.worldmodels.env;

/**
 * The encoder of recording before any vision model exists: a latent of width 0. {@code collect} in
 * a pixel environment uses it, so episodes keep their frames instead of a {@code z} (and a {@code
 * z} appears only when {@code vae encode} encodes them). Policies that read {@code z} (controllers)
 * cannot run on it; the random policies do not read it.
 */
public final class NoLatentEncoder implements Encoder {
  /** The only instance; the encoder has no state. */
  public static final NoLatentEncoder INSTANCE = new NoLatentEncoder();

  private static final float[] NONE = new float[0];

  private NoLatentEncoder() {}

  /** An empty latent (shared: an empty array cannot change). */
  @Override
  public float[] encode(float[] observation) {
    return NONE;
  }

  /** Always 0. */
  @Override
  public int zSize(Space observationSpace) {
    return 0;
  }

  @Override
  public String toString() {
    return "NoLatentEncoder";
  }
}
