package org.worldmodels.mdn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.Param;
import org.worldmodels.tf.ParamSet;

/**
 * A multilayer perceptron: tanh hidden layers and a linear output layer, as a graph (for training)
 * and in plain Java (for inference). Layer {@code i} has weights {@code PREFIX/dense_i/kernel}
 * {@code [in, out]} and {@code PREFIX/dense_i/bias} {@code [out]}.
 */
public final class Mlp {
  private Mlp() {}

  /** The weight names and shapes of an MLP with layer sizes {@code [in, h1, ..., out]}. */
  public static Map<String, int[]> shapes(String prefix, int[] sizes) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < sizes.length; i++) {
      out.put(kernel(prefix, i), new int[] {sizes[i], sizes[i + 1]});
      out.put(bias(prefix, i), new int[] {sizes[i + 1]});
    }
    return out;
  }

  /**
   * Glorot-uniform kernels ({@code U(-a, a)}, {@code a = sqrt(6 / (in + out))}, the usual choice
   * for tanh) and zero biases, drawn in a fixed order from {@code rng}.
   */
  public static Map<String, float[]> initialWeights(
      String prefix, int[] sizes, SplittableRandom rng) {
    Map<String, float[]> w = new LinkedHashMap<>();
    for (int i = 0; i + 1 < sizes.length; i++) {
      int in = sizes[i];
      int out = sizes[i + 1];
      double a = Math.sqrt(6.0 / (in + out));
      float[] k = new float[in * out];
      for (int j = 0; j < k.length; j++) {
        k[j] = (float) ((2 * rng.nextDouble() - 1) * a);
      }
      w.put(kernel(prefix, i), k);
      w.put(bias(prefix, i), new float[out]);
    }
    return w;
  }

  /** Builds the network on {@code x} {@code [N, in]} with variables initialised to {@code init}. */
  public static Operand<TFloat32> graph(
      Ops tf,
      ParamSet params,
      String prefix,
      Operand<TFloat32> x,
      int[] sizes,
      Map<String, float[]> init) {
    Operand<TFloat32> h = x;
    for (int i = 0; i + 1 < sizes.length; i++) {
      Param k =
          params.add(
              tf,
              kernel(prefix, i),
              new int[] {sizes[i], sizes[i + 1]},
              init.get(kernel(prefix, i)));
      Param b =
          params.add(tf, bias(prefix, i), new int[] {sizes[i + 1]}, init.get(bias(prefix, i)));
      h = tf.math.add(tf.linalg.matMul(h, k.variable()), b.variable());
      if (i + 2 < sizes.length) {
        h = tf.math.tanh(h);
      }
    }
    return h;
  }

  /** Plain-Java forward pass of one input row, in double precision. */
  public static double[] forward(Map<String, float[]> w, String prefix, int[] sizes, double[] x) {
    double[] h = x;
    for (int i = 0; i + 1 < sizes.length; i++) {
      float[] k = w.get(kernel(prefix, i));
      float[] b = w.get(bias(prefix, i));
      int in = sizes[i];
      int out = sizes[i + 1];
      double[] next = new double[out];
      for (int o = 0; o < out; o++) {
        next[o] = b[o];
      }
      for (int j = 0; j < in; j++) {
        double xj = h[j];
        int row = j * out;
        for (int o = 0; o < out; o++) {
          next[o] += xj * k[row + o];
        }
      }
      if (i + 2 < sizes.length) {
        for (int o = 0; o < out; o++) {
          next[o] = Math.tanh(next[o]);
        }
      }
      h = next;
    }
    return h;
  }

  static String kernel(String prefix, int i) {
    return prefix + "/dense_" + i + "/kernel";
  }

  static String bias(String prefix, int i) {
    return prefix + "/dense_" + i + "/bias";
  }
}
