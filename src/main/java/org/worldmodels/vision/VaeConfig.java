package org.worldmodels.vision;

import java.util.List;
import org.worldmodels.util.Check;

/**
 * The ConvVAE's shape and loss. Defaults are World Models' (Ha and Schmidhuber 2018, appendix): 64
 * x 64 x 3 frames; four 4 x 4 stride-2 convolutions without padding of 32, 64, 128 and 256 filters
 * (ReLU) to 2 x 2 x 256; dense layers to {@code mu} and {@code logvar} of size 32; the decoder a
 * dense layer to 1024 reshaped to 1 x 1 x 1024 and stride-2 transposed convolutions of kernels 5,
 * 5, 6, 6 and 128, 64, 32, 3 filters (ReLU, the last a sigmoid) back to 64 x 64 x 3: 4,348,547
 * parameters.
 *
 * <pre>{@code
 * VaeConfig c = VaeConfig.defaults().withZSize(8); // World Models' layers, z 8
 * }</pre>
 *
 * @param frameSize frames are {@code frameSize x frameSize x 3}
 * @param zSize latent size {@code Z}
 * @param encoderFilters filters of each 4 x 4 stride-2 convolution
 * @param decoderDense width of the decoder's first (dense) layer, reshaped to {@code 1 x 1 x D}
 * @param decoderKernels kernel size of each stride-2 transposed convolution; the output side after
 *     layer {@code i} is {@code 2 (s - 1) + k_i}, starting from {@code s = 1}, and must end at
 *     {@code frameSize}
 * @param decoderFilters filters of each transposed convolution but the last (which has 3, one per
 *     colour channel)
 * @param klTolerance the KL term of each frame is {@code max(KL, klTolerance * Z)} (World Models'
 *     floor, 0.5): below it the latent is free to carry information at no cost
 * @param recon the reconstruction term
 */
public record VaeConfig(
    int frameSize,
    int zSize,
    List<Integer> encoderFilters,
    int decoderDense,
    List<Integer> decoderKernels,
    List<Integer> decoderFilters,
    double klTolerance,
    ReconLoss recon) {
  public static final int FRAME_SIZE_DEFAULT = 64;
  public static final int Z_SIZE_DEFAULT = 32;
  public static final List<Integer> ENCODER_FILTERS_DEFAULT = List.of(32, 64, 128, 256);
  public static final int DECODER_DENSE_DEFAULT = 1024;
  public static final List<Integer> DECODER_KERNELS_DEFAULT = List.of(5, 5, 6, 6);
  public static final List<Integer> DECODER_FILTERS_DEFAULT = List.of(128, 64, 32);
  public static final double KL_TOLERANCE_DEFAULT = 0.5;

  /**
   * The default reconstruction term: Bernoulli cross-entropy. With World Models' squared error of
   * the sigmoid output, the decoder turned all-background on frames of a small disc on white within
   * the first epoch and stayed there (its saturated sigmoid passes almost no gradient); the
   * Bernoulli term's gradient on the logits is {@code sigmoid(l) - x}, which never vanishes on a
   * wrong pixel (docs/vision.md has the measurements).
   */
  public static final ReconLoss RECON_DEFAULT = ReconLoss.BERNOULLI;

  /** Colour channels of a frame. */
  public static final int CHANNELS = 3;

  /** Kernel side of every encoder convolution. */
  public static final int ENCODER_KERNEL = 4;

  /** Stride of every convolution and transposed convolution. */
  public static final int STRIDE = 2;

  public VaeConfig {
    Check.inRange("frame_size", frameSize, 8, 1024);
    Check.inRange("z_size", zSize, 1, 4096);
    Check.inRange("decoder_dense", decoderDense, 1, 1 << 20);
    Check.inRange("kl_tolerance", klTolerance, 0, 1e6);
    Check.argument(recon != null, "recon must be mse or bernoulli");
    encoderFilters = positiveList("encoder_filters", encoderFilters);
    decoderKernels = positiveList("decoder_kernels", decoderKernels);
    decoderFilters = decoderFilters == null ? null : List.copyOf(decoderFilters);
    Check.argument(decoderFilters != null, "decoder_filters must be given");
    if (decoderFilters.size() != decoderKernels.size() - 1) {
      throw new IllegalArgumentException(
          "decoder_filters must have one entry fewer than decoder_kernels ("
              + (decoderKernels.size() - 1)
              + "; the last layer has 3 filters), got "
              + decoderFilters);
    }
    for (int f : decoderFilters) {
      Check.positive("decoder_filters entry", f);
    }
    int side = frameSize;
    for (int i = 0; i < encoderFilters.size(); i++) {
      side = (side - ENCODER_KERNEL) / STRIDE + 1;
      if (side < 1) {
        throw new IllegalArgumentException(
            "frame_size "
                + frameSize
                + " is too small for "
                + encoderFilters.size()
                + " 4 x 4 stride-2 convolutions");
      }
    }
    int out = decoderSide(decoderKernels, decoderKernels.size());
    if (out != frameSize) {
      throw new IllegalArgumentException(
          "decoder_kernels "
              + decoderKernels
              + " produce "
              + out
              + " x "
              + out
              + " frames; frame_size is "
              + frameSize);
    }
  }

  private static List<Integer> positiveList(String name, List<Integer> v) {
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(name + " must list at least one size, got " + v);
    }
    for (int x : v) {
      if (x < 1) {
        throw new IllegalArgumentException(name + " entries must be >= 1, got " + v);
      }
    }
    return List.copyOf(v);
  }

  private static int decoderSide(List<Integer> kernels, int layers) {
    int side = 1;
    for (int i = 0; i < layers; i++) {
      side = STRIDE * (side - 1) + kernels.get(i);
    }
    return side;
  }

  /** World Models' ConvVAE. */
  public static VaeConfig defaults() {
    return new VaeConfig(
        FRAME_SIZE_DEFAULT,
        Z_SIZE_DEFAULT,
        ENCODER_FILTERS_DEFAULT,
        DECODER_DENSE_DEFAULT,
        DECODER_KERNELS_DEFAULT,
        DECODER_FILTERS_DEFAULT,
        KL_TOLERANCE_DEFAULT,
        RECON_DEFAULT);
  }

  /** The same with latent size {@code z}. */
  public VaeConfig withZSize(int z) {
    return new VaeConfig(
        frameSize,
        z,
        encoderFilters,
        decoderDense,
        decoderKernels,
        decoderFilters,
        klTolerance,
        recon);
  }

  /** The same with another reconstruction term. */
  public VaeConfig withRecon(ReconLoss r) {
    return new VaeConfig(
        frameSize,
        zSize,
        encoderFilters,
        decoderDense,
        decoderKernels,
        decoderFilters,
        klTolerance,
        r);
  }

  /** The same with another KL floor per latent dimension. */
  public VaeConfig withKlTolerance(double k) {
    return new VaeConfig(
        frameSize, zSize, encoderFilters, decoderDense, decoderKernels, decoderFilters, k, recon);
  }

  /**
   * The same with every layer's filters (and the decoder's dense width) divided by {@code f}, at
   * least 1: a smaller model of the same shape, for tests and quick experiments.
   */
  public VaeConfig narrowedBy(int f) {
    Check.positive("narrowing factor", f);
    return new VaeConfig(
        frameSize,
        zSize,
        encoderFilters.stream().map(x -> Math.max(1, x / f)).toList(),
        Math.max(1, decoderDense / f),
        decoderKernels,
        decoderFilters.stream().map(x -> Math.max(1, x / f)).toList(),
        klTolerance,
        recon);
  }

  /** Values in a frame: {@code frameSize * frameSize * 3}. */
  public int frameValues() {
    return frameSize * frameSize * CHANNELS;
  }

  /** Side of the encoder's last feature map. */
  public int encoderSide() {
    int side = frameSize;
    for (int i = 0; i < encoderFilters.size(); i++) {
      side = (side - ENCODER_KERNEL) / STRIDE + 1;
    }
    return side;
  }

  /** Side of the encoder's feature map after layer {@code i} (0-based). */
  public int encoderSide(int i) {
    int side = frameSize;
    for (int k = 0; k <= i; k++) {
      side = (side - ENCODER_KERNEL) / STRIDE + 1;
    }
    return side;
  }

  /** Values the encoder flattens into the dense layers. */
  public int encoderFlat() {
    int s = encoderSide();
    return s * s * encoderFilters.get(encoderFilters.size() - 1);
  }

  /** Side of the decoder's feature map after transposed convolution {@code i} (0-based). */
  public int decoderSide(int i) {
    return decoderSide(decoderKernels, i + 1);
  }

  /** Filters of transposed convolution {@code i}, 3 for the last. */
  public int decoderFiltersAt(int i) {
    return i == decoderFilters.size() ? CHANNELS : decoderFilters.get(i);
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    int in = CHANNELS;
    for (int f : encoderFilters) {
      n += (long) ENCODER_KERNEL * ENCODER_KERNEL * in * f + f;
      in = f;
    }
    n += 2L * ((long) encoderFlat() * zSize + zSize);
    n += (long) zSize * decoderDense + decoderDense;
    in = decoderDense;
    for (int i = 0; i < decoderKernels.size(); i++) {
      int k = decoderKernels.get(i);
      int f = decoderFiltersAt(i);
      n += (long) k * k * in * f + f;
      in = f;
    }
    return n;
  }
}
