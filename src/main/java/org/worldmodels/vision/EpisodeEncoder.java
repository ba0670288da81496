package org.worldmodels.vision;

import org.worldmodels.data.Episode;
import org.worldmodels.data.Frames;

/**
 * Encodes the frames of one episode with a VAE ({@code vae encode}): the encoded episode has {@code
 * z} = the encoder's mean, the episode's actions, rewards, flags and {@code state} (diagnostics
 * only), and no frames; the log-variances travel beside it.
 */
public final class EpisodeEncoder {
  private EpisodeEncoder() {}

  /**
   * An encoded episode.
   *
   * @param episode {@code z} the posterior means [T+1, Z], no frames
   * @param logvar the posterior log-variances [T+1, Z]
   */
  public record Encoded(Episode episode, float[][] logvar) {}

  /**
   * Encodes {@code e}'s frames, one episode at a time, in batches of {@link Vae#BATCH}: the frames
   * stay uint8 until the graph scales them.
   *
   * @throws IllegalArgumentException if the episode has no frames or frames of another size than
   *     the VAE reads
   */
  public static Encoded encode(Vae vae, Episode e) {
    Frames f = e.frames();
    if (f == null) {
      throw new IllegalArgumentException("the episode has no 'frames' to encode");
    }
    int side = vae.config().frameSize();
    if (f.height() != side || f.width() != side) {
      throw new IllegalArgumentException(
          "key 'frames': frames of "
              + f.height()
              + " x "
              + f.width()
              + "; the VAE reads "
              + side
              + " x "
              + side);
    }
    byte[][] frames = new byte[f.count()][];
    for (int t = 0; t < frames.length; t++) {
      frames[t] = f.frame(t);
    }
    Vae.Encoded z = vae.encode(frames);
    Episode out =
        new Episode(z.mu(), e.action(), e.reward(), e.terminated(), e.truncated(), null, e.state());
    return new Encoded(out, z.logvar());
  }
}
