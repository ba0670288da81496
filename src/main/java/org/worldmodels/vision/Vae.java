package org.worldmodels.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.util.Check;

/**
 * A trained ConvVAE loaded for use: encode frames to {@code (mu, logvar)}, decode latents to
 * frames, evaluate. Owns a TensorFlow graph and session: close it.
 *
 * <pre>{@code
 * try (Vae vae = Vae.load(Path.of("runs/x/vae"))) {
 *   Vae.Encoded e = vae.encode(frames);      // frames [N][64 * 64 * 3] uint8
 *   byte[][] back = vae.decode(e.mu());      // [N][64 * 64 * 3]
 * }
 * }</pre>
 */
public final class Vae implements AutoCloseable {
  /** Frames per TensorFlow run when encoding, decoding or evaluating. */
  public static final int BATCH = 100;

  private final VaeConfig config;
  private final VaeWeights weights;
  private final String sha256;
  private final VaeGraph graph;

  /**
   * Latents of frames.
   *
   * @param mu the encoder's mean {@code [N][Z]}
   * @param logvar its log variance {@code [N][Z]}
   */
  public record Encoded(float[][] mu, float[][] logvar) {}

  private Vae(VaeConfig config, VaeWeights weights) {
    this.config = config;
    this.weights = weights;
    this.sha256 = weights.sha256(config);
    this.graph = VaeGraph.forInference(config, weights);
  }

  /**
   * Loads the latest checkpoint of a VAE directory (the {@code --out} of {@code vae train}).
   *
   * @throws IllegalArgumentException naming the file when the directory is not a readable VAE
   */
  public static Vae load(Path dir) {
    VaeCheckpoints.Loaded l = VaeCheckpoints.load(dir, false);
    return new Vae(l.metadata().model(), l.weights());
  }

  /** A VAE with the given weights. */
  public static Vae of(VaeConfig config, VaeWeights weights) {
    return new Vae(config, VaeWeights.fromMap(weights.map(), config, "weights"));
  }

  /** The model's shape and loss. */
  public VaeConfig config() {
    return config;
  }

  /** The weights. */
  public VaeWeights weights() {
    return weights;
  }

  /** SHA-256 of the weights ({@link VaeWeights#sha256}): what encoded episodes record. */
  public String sha256() {
    return sha256;
  }

  private byte[] pack(byte[][] frames, int start, int b) {
    int values = config.frameValues();
    byte[] buf = new byte[b * values];
    for (int i = 0; i < b; i++) {
      byte[] f = frames[start + i];
      if (f.length != values) {
        throw new IllegalArgumentException(
            "frame "
                + (start + i)
                + " has "
                + f.length
                + " values; the VAE reads "
                + config.frameSize()
                + " x "
                + config.frameSize()
                + " x 3 = "
                + values);
      }
      System.arraycopy(f, 0, buf, i * values, values);
    }
    return buf;
  }

  /** Encodes uint8 frames {@code [N][H * W * 3]}. */
  public Encoded encode(byte[][] frames) {
    int zs = config.zSize();
    float[][] mu = new float[frames.length][];
    float[][] lv = new float[frames.length][];
    for (int s = 0; s < frames.length; s += BATCH) {
      int b = Math.min(BATCH, frames.length - s);
      VaeGraph.Encoded e = graph.encode(pack(frames, s, b));
      for (int i = 0; i < b; i++) {
        mu[s + i] = java.util.Arrays.copyOfRange(e.mu(), i * zs, (i + 1) * zs);
        lv[s + i] = java.util.Arrays.copyOfRange(e.logvar(), i * zs, (i + 1) * zs);
      }
    }
    return new Encoded(mu, lv);
  }

  /** Decodes latents {@code [N][Z]} to uint8 frames {@code [N][H * W * 3]} (rounded). */
  public byte[][] decode(float[][] z) {
    int zs = config.zSize();
    int values = config.frameValues();
    byte[][] out = new byte[z.length][];
    for (int s = 0; s < z.length; s += BATCH) {
      int b = Math.min(BATCH, z.length - s);
      float[] flat = new float[b * zs];
      for (int i = 0; i < b; i++) {
        Check.argument(
            z[s + i].length == zs,
            "z row " + (s + i) + " has " + z[s + i].length + " values; the VAE's z size is " + zs);
        System.arraycopy(z[s + i], 0, flat, i * zs, zs);
      }
      List<byte[]> frames = toUint8(graph.decode(flat), b, values);
      for (int i = 0; i < b; i++) {
        out[s + i] = frames.get(i);
      }
    }
    return out;
  }

  /** {@code recon_mse} and {@code kl} of every frame of {@code data}. */
  public VaeEvaluation evaluate(FrameSource data) {
    if (data.frameSize() != config.frameSize()) {
      throw new IllegalArgumentException(
          "frames are "
              + data.frameSize()
              + " x "
              + data.frameSize()
              + "; the VAE reads "
              + config.frameSize()
              + " x "
              + config.frameSize());
    }
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i < data.episodes(); i++) {
      all.addAll(List.of(data.episode(i)));
    }
    return VaeEvaluation.of(graph, all, BATCH);
  }

  /** Values in [0, 1] {@code [n * values]} as {@code n} uint8 frames, rounded to nearest. */
  static List<byte[]> toUint8(float[] v, int n, int values) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] f = new byte[values];
      for (int j = 0; j < values; j++) {
        float x = Math.max(0f, Math.min(1f, v[i * values + j]));
        f[j] = (byte) Math.round(x * 255f);
      }
      out.add(f);
    }
    return out;
  }

  @Override
  public void close() {
    graph.close();
  }
}
