package org.worldmodels.env;

import java.nio.file.Path;
import java.util.Arrays;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.Vae;

/**
 * A trained ConvVAE as the encoder of a pixel environment: the latent of a frame is the encoder's
 * mean {@code mu}, as {@code vae encode} writes it for the MDN-RNN's training data. Opened by
 * {@link Encoders#open} from a model directory's {@code vae/} ({@link ModelVae}); owns the VAE's
 * TensorFlow session, so close it.
 *
 * <p>The observation is the pixel environment's frame as values {@code b / 255}; it is turned back
 * into the exact bytes ({@code round(v * 255)}) the VAE reads from episode files, so a frame gives
 * the same {@code z} here as {@code Vae.encode} of the recorded frame.
 */
public final class VaeEncoder implements Encoder {
  private final Vae vae;
  private final EncoderSpec spec;
  private final int side;

  private VaeEncoder(Vae vae) {
    this.vae = vae;
    this.spec = EncoderSpec.vae(vae.sha256());
    this.side = vae.config().frameSize();
  }

  /**
   * Opens {@code dir/vae} and checks its weights against {@code sha256}.
   *
   * @throws IllegalArgumentException naming the directory when the VAE is missing or has other
   *     weights
   */
  public static VaeEncoder open(Path dir, String sha256) {
    return new VaeEncoder(ModelVae.open(dir, sha256));
  }

  /** An encoder over {@code vae}; closing the encoder closes the VAE. */
  public static VaeEncoder of(Vae vae) {
    return new VaeEncoder(vae);
  }

  @Override
  public float[] encode(float[] observation) {
    int n = side * side * 3;
    if (observation.length != n) {
      throw new IllegalArgumentException(
          "observation has "
              + observation.length
              + " values; the VAE reads "
              + side
              + " x "
              + side
              + " x 3 = "
              + n);
    }
    byte[] frame = new byte[n];
    for (int i = 0; i < n; i++) {
      frame[i] = (byte) Math.round(observation[i] * 255f);
    }
    return vae.encode(new byte[][] {frame}).mu()[0];
  }

  /** Side N of the N x N frames the VAE reads. */
  public int frameSize() {
    return side;
  }

  /** Z of the VAE, for frames of its size; other spaces are refused. */
  @Override
  public int zSize(Space observationSpace) {
    int[] want = {side, side, 3};
    if (!(observationSpace instanceof Box b) || !Arrays.equals(b.shape(), want)) {
      throw new IllegalArgumentException(
          "the VAE encodes frames of shape "
              + Arrays.toString(want)
              + "; the environment observes "
              + observationSpace);
    }
    return vae.config().zSize();
  }

  /** {@code {"type": "vae", "sha256": ...}} of the VAE. */
  @Override
  public EncoderSpec spec() {
    return spec;
  }

  @Override
  public void close() {
    vae.close();
  }
}
