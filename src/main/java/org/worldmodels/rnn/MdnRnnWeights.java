package org.worldmodels.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.io.NpyArray;
import org.worldmodels.util.Check;

/**
 * The trainable values of an MDN-RNN, laid out as TensorFlow's fused {@code BlockLSTM} expects
 * them, so the unrolled graph, the fused op and the plain-Java cell share one file format.
 *
 * <ul>
 *   <li>{@code lstm/kernel} {@code [Z + A + H, 4H]}: input rows first, then recurrent rows; gate
 *       columns in the order input, forget, cell, output.
 *   <li>{@code lstm/bias} {@code [4H]}.
 *   <li>{@code head/kernel} {@code [H, O]} and {@code head/bias} {@code [O]}, {@code O} = {@link
 *       MdnRnnConfig#outputSize()}.
 * </ul>
 *
 * @param lstmKernel row-major {@code [Z + A + H, 4H]}
 * @param lstmBias {@code [4H]}
 * @param headKernel row-major {@code [H, O]}
 * @param headBias {@code [O]}
 */
public record MdnRnnWeights(
    float[] lstmKernel, float[] lstmBias, float[] headKernel, float[] headBias) {
  public static final String LSTM_KERNEL = "lstm/kernel";
  public static final String LSTM_BIAS = "lstm/bias";
  public static final String HEAD_KERNEL = "head/kernel";
  public static final String HEAD_BIAS = "head/bias";

  /**
   * Initial weights drawn in a fixed order from {@code rng}: Glorot-uniform kernels, zero biases
   * except the forget gate's, which starts at 1 so the cell remembers by default (Gers et al. 2000;
   * the fused op has its own forget bias, which is kept at 0 so this one is the only one).
   */
  public static MdnRnnWeights initial(MdnRnnConfig c, SplittableRandom rng) {
    int i = c.inputSize();
    int h = c.hidden();
    int o = c.outputSize();
    float[] lk = glorot(rng, i + h, 4 * h);
    float[] lb = new float[4 * h];
    for (int j = h; j < 2 * h; j++) {
      lb[j] = 1f;
    }
    float[] hk = glorot(rng, h, o);
    return new MdnRnnWeights(lk, lb, hk, new float[o]);
  }

  private static float[] glorot(SplittableRandom rng, int in, int out) {
    double a = Math.sqrt(6.0 / (in + out));
    float[] w = new float[in * out];
    for (int j = 0; j < w.length; j++) {
      w[j] = (float) ((2 * rng.nextDouble() - 1) * a);
    }
    return w;
  }

  /** Checks every array's length against {@code c}. */
  public MdnRnnWeights checked(MdnRnnConfig c, String source) {
    int i = c.inputSize();
    int h = c.hidden();
    int o = c.outputSize();
    size(source, LSTM_KERNEL, lstmKernel, (i + h) * 4 * h);
    size(source, LSTM_BIAS, lstmBias, 4 * h);
    size(source, HEAD_KERNEL, headKernel, h * o);
    size(source, HEAD_BIAS, headBias, o);
    return this;
  }

  private static void size(String source, String key, float[] v, int expected) {
    Check.argument(
        v != null && v.length == expected,
        source
            + ": key '"
            + key
            + "' has "
            + (v == null ? "no" : v.length)
            + " values; the config needs "
            + expected);
  }

  /** The named arrays with shapes, for a weight file. */
  public Map<String, NpyArray> toArrays(MdnRnnConfig c) {
    int i = c.inputSize();
    int h = c.hidden();
    int o = c.outputSize();
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put(LSTM_KERNEL, NpyArray.ofFloats(lstmKernel, i + h, 4 * h));
    m.put(LSTM_BIAS, NpyArray.ofFloats(lstmBias, 4 * h));
    m.put(HEAD_KERNEL, NpyArray.ofFloats(headKernel, h, o));
    m.put(HEAD_BIAS, NpyArray.ofFloats(headBias, o));
    return m;
  }

  /** The named float arrays. */
  public Map<String, float[]> toMap() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put(LSTM_KERNEL, lstmKernel);
    m.put(LSTM_BIAS, lstmBias);
    m.put(HEAD_KERNEL, headKernel);
    m.put(HEAD_BIAS, headBias);
    return m;
  }

  /** Weights from named arrays (a weight file), checked against {@code c}. */
  public static MdnRnnWeights fromMap(Map<String, float[]> m, MdnRnnConfig c, String source) {
    return new MdnRnnWeights(
            m.get(LSTM_KERNEL), m.get(LSTM_BIAS), m.get(HEAD_KERNEL), m.get(HEAD_BIAS))
        .checked(c, source);
  }
}
