package org.worldmodels.rnn;

/**
 * One step of the MDN-RNN in plain Java over checkpoint weights: {@code (z, a, h, c) -> (y, h',
 * c')}, with {@code y} the raw head output (mixture parameters, then reward, then done logit). Used
 * where a {@code Session.run} per step (30-80 us of fixed cost) would dominate: dreaming at small
 * batch, controllers in real environments.
 *
 * <p>Inner loops run over contiguous rows of the row-major kernels, so the JIT can vectorise them.
 * Arithmetic is float32, as in the graph; results agree with the graph to about 1e-6 (summation
 * order differs). Instances are immutable and thread-safe; callers own the state arrays.
 */
public final class MdnRnnCell {
  private final MdnRnnConfig config;
  private final float[] lstmKernel;
  private final float[] lstmBias;
  private final float[] headKernel;
  private final float[] headBias;
  private final int zs;
  private final int as;
  private final int hs;
  private final int out;

  public MdnRnnCell(MdnRnnConfig config, MdnRnnWeights weights) {
    weights.checked(config, "weights");
    this.config = config;
    this.lstmKernel = weights.lstmKernel();
    this.lstmBias = weights.lstmBias();
    this.headKernel = weights.headKernel();
    this.headBias = weights.headBias();
    this.zs = config.zSize();
    this.as = config.actionSize();
    this.hs = config.hidden();
    this.out = config.outputSize();
  }

  /** The configuration. */
  public MdnRnnConfig config() {
    return config;
  }

  /** Scratch space for {@link #step}: {@code 4H} floats. */
  public float[] newGates() {
    return new float[4 * hs];
  }

  /**
   * Advances one row: reads {@code z} {@code [Z]} and {@code a} {@code [A]} at the given offsets,
   * updates {@code h} and {@code c} {@code [H]} in place (at {@code stateOffset}), and writes the
   * head output {@code [O]} into {@code y} at {@code yOffset}.
   */
  public void step(
      float[] z,
      int zOffset,
      float[] a,
      int aOffset,
      float[] h,
      float[] c,
      int stateOffset,
      float[] y,
      int yOffset,
      float[] gates) {
    int g4 = 4 * hs;
    System.arraycopy(lstmBias, 0, gates, 0, g4);
    for (int i = 0; i < zs; i++) {
      axpy(z[zOffset + i], lstmKernel, i * g4, gates, g4);
    }
    for (int i = 0; i < as; i++) {
      axpy(a[aOffset + i], lstmKernel, (zs + i) * g4, gates, g4);
    }
    int in = zs + as;
    for (int j = 0; j < hs; j++) {
      axpy(h[stateOffset + j], lstmKernel, (in + j) * g4, gates, g4);
    }
    for (int j = 0; j < hs; j++) {
      float ig = sigmoid(gates[j]);
      float fg = sigmoid(gates[hs + j]);
      float cc = (float) Math.tanh(gates[2 * hs + j]);
      float og = sigmoid(gates[3 * hs + j]);
      float cNew = fg * c[stateOffset + j] + ig * cc;
      c[stateOffset + j] = cNew;
      h[stateOffset + j] = og * (float) Math.tanh(cNew);
    }
    System.arraycopy(headBias, 0, y, yOffset, out);
    for (int j = 0; j < hs; j++) {
      float hj = h[stateOffset + j];
      int row = j * out;
      for (int o = 0; o < out; o++) {
        y[yOffset + o] += hj * headKernel[row + o];
      }
    }
  }

  private static void axpy(float alpha, float[] k, int from, float[] acc, int n) {
    if (alpha == 0f) {
      return;
    }
    for (int j = 0; j < n; j++) {
      acc[j] += alpha * k[from + j];
    }
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
