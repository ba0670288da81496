package org.worldmodels.vision;

/**
 * Floating-point operations of the ConvVAE, counting multiply-adds of the convolutions, transposed
 * convolutions and dense layers as 2 each (element-wise work left out), backward as twice forward.
 * World Models' ConvVAE: about 77 MFLOP forward per frame, 23 GFLOP per training step at batch 100.
 */
public final class VaeFlops {
  private VaeFlops() {}

  /** Forward FLOP of the encoder for one frame. */
  public static double encoder(VaeConfig c) {
    double f = 0;
    int in = VaeConfig.CHANNELS;
    int k = VaeConfig.ENCODER_KERNEL;
    for (int i = 0; i < c.encoderFilters().size(); i++) {
      int side = c.encoderSide(i);
      int out = c.encoderFilters().get(i);
      f += 2.0 * side * side * k * k * in * out;
      in = out;
    }
    return f + 2 * 2.0 * c.encoderFlat() * c.zSize();
  }

  /** Forward FLOP of the decoder for one latent. */
  public static double decoder(VaeConfig c) {
    double f = 2.0 * c.zSize() * c.decoderDense();
    int in = c.decoderDense();
    int side = 1;
    for (int i = 0; i < c.decoderKernels().size(); i++) {
      int k = c.decoderKernels().get(i);
      int out = c.decoderFiltersAt(i);
      f += 2.0 * side * side * k * k * in * out; // each input value scatters a k x k x out kernel
      side = c.decoderSide(i);
      in = out;
    }
    return f;
  }

  /** FLOP of one training step on {@code batch} frames (forward and backward). */
  public static double trainStep(VaeConfig c, int batch) {
    return 3 * batch * (encoder(c) + decoder(c));
  }
}
