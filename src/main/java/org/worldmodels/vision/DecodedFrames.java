package org.worldmodels.vision;

import org.worldmodels.data.Frames;

/**
 * Latents decoded by a VAE as an episode's {@code frames}: {@link Vae#decode} (in batches of {@link
 * Vae#BATCH}) packed into one uint8 {@code [N, H, W, 3]} {@link Frames}, the layout episode files
 * hold. Used by {@code dream --frames} and {@code vae decode}.
 */
public final class DecodedFrames {
  private DecodedFrames() {}

  /**
   * The frames {@code vae} decodes from {@code z} {@code [N][Z]}, one per row.
   *
   * @throws IllegalArgumentException if there are no rows or a row's width is not the VAE's z size
   */
  public static Frames of(Vae vae, float[][] z) {
    if (z.length == 0) {
      throw new IllegalArgumentException("no latents to decode");
    }
    byte[][] frames = vae.decode(z);
    int side = vae.config().frameSize();
    int bytes = vae.config().frameValues();
    byte[] all = new byte[frames.length * bytes];
    for (int i = 0; i < frames.length; i++) {
      System.arraycopy(frames[i], 0, all, i * bytes, bytes);
    }
    return new Frames(all, frames.length, side, side);
  }
}
