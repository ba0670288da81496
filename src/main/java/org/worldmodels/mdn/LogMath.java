package org.worldmodels.mdn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Log-space arithmetic for mixture weights and densities, stable for any finite inputs.
 *
 * <pre>{@code
 * LogMath.logSumExp(new double[] {1000, 1000});   // 1000 + ln 2 = 1000.6931..., not Infinity
 * LogMath.logSoftmax(new double[] {0, -1000});    // {0, -1000}, not {0, -Infinity}
 * }</pre>
 *
 * <p>Every reduction subtracts the maximum first, so {@code exp} only ever sees values {@code <=
 * 0}: nothing overflows and the largest term is exactly 1.
 */
public final class LogMath {
  private LogMath() {}

  /**
   * {@code log(sum_i exp(v[i]))}.
   *
   * <p>An empty array or one whose entries are all {@code -Infinity} gives {@code -Infinity} (the
   * log of an empty sum); any {@code +Infinity} entry gives {@code +Infinity}; any NaN gives NaN.
   */
  public static double logSumExp(double[] v) {
    return logSumExp(v, 0, v.length);
  }

  /**
   * {@code log(sum_i exp(v[i]))} over {@code v[from], ..., v[from + len - 1]}, with the special
   * values of {@link #logSumExp(double[])}.
   *
   * @throws IndexOutOfBoundsException if the range does not lie inside {@code v}
   */
  public static double logSumExp(double[] v, int from, int len) {
    Objects.checkFromIndexSize(from, len, v.length);
    int end = from + len;
    int argMax = -1;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < end; i++) {
      double x = v[i];
      if (Double.isNaN(x)) {
        return Double.NaN;
      }
      if (x > max) {
        max = x;
        argMax = i;
      }
    }
    // No term, or every term zero; also keeps (-inf) - (-inf) = NaN out of the sum below.
    if (max == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    if (max == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    return max + logSumExpAfterMax(v, from, end, max, argMax);
  }

  /**
   * {@code log(sum_i exp(v[i] - max))}, with {@code v[argMax] == max} finite. The maximum
   * contributes exactly 1; summing only the others and using {@code log1p} keeps full relative
   * precision when they are small (the common case of one dominant component).
   */
  private static double logSumExpAfterMax(double[] v, int from, int end, double max, int argMax) {
    double rest = 0;
    for (int i = from; i < end; i++) {
      if (i != argMax) {
        rest += Math.exp(v[i] - max);
      }
    }
    return Math.log1p(rest);
  }

  /**
   * {@code logits[k] - logSumExp(logits)}: log mixture weights.
   *
   * @throws IllegalArgumentException if an entry is NaN or {@code +Infinity}, or none is above
   *     {@code -Infinity} (the weights would be undefined)
   */
  public static double[] logSoftmax(double[] logits) {
    double[] out = new double[logits.length];
    logSoftmax(logits, out);
    return out;
  }

  /**
   * Writes {@code logits[k] - logSumExp(logits)} into {@code out} (which may be {@code logits}
   * itself), allocating nothing.
   *
   * @throws IllegalArgumentException as {@link #logSoftmax(double[])}, or if the lengths differ
   */
  public static void logSoftmax(double[] logits, double[] out) {
    if (out.length != logits.length) {
      throw new IllegalArgumentException(
          "out has length " + out.length + ", logits " + logits.length);
    }
    int argMax = checkedArgMax(logits);
    double max = logits[argMax];
    // (logit - max) - log(sum exp(logit - max)) rather than logit - logSumExp(logits): the
    // latter rounds the normaliser to the ulp of the logits first (1e-13 at 1000), and the
    // difference keeps that error even when the weights are simple, like {1/2, 1/2}.
    double logSum = logSumExpAfterMax(logits, 0, logits.length, max, argMax);
    for (int k = 0; k < logits.length; k++) {
      out[k] = (logits[k] - max) - logSum;
    }
  }

  /**
   * {@code exp(logits[k]) / sum_j exp(logits[j])}: mixture weights, summing to 1 up to rounding.
   *
   * @throws IllegalArgumentException as {@link #logSoftmax(double[])}
   */
  public static double[] softmax(double[] logits) {
    double[] out = new double[logits.length];
    softmax(logits, out);
    return out;
  }

  /**
   * Writes the softmax of {@code logits} into {@code out} (which may be {@code logits} itself).
   *
   * @throws IllegalArgumentException as {@link #logSoftmax(double[], double[])}
   */
  public static void softmax(double[] logits, double[] out) {
    logSoftmax(logits, out);
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.exp(out[k]);
    }
  }

  /** The index of the largest logit, refusing inputs whose weights would be undefined. */
  private static int checkedArgMax(double[] logits) {
    int argMax = -1;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logits.length; k++) {
      double x = logits[k];
      if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "logits[" + k + "] must be finite or -Infinity, got " + x);
      }
      if (x > max) {
        max = x;
        argMax = k;
      }
    }
    if (argMax < 0) {
      throw new IllegalArgumentException(
          "logits must have at least one entry above -Infinity, got " + Arrays.toString(logits));
    }
    return argMax;
  }
}
