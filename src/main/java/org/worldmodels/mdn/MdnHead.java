package org.worldmodels.mdn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.TfMath;
import org.worldmodels.util.Check;

/**
 * The mixture density head: how raw network outputs become, per target dimension, a mixture of
 * {@code K} components, and the negative log-likelihood of targets under it.
 *
 * <p>Layout (World Models, dimension-major): for each of the {@code D} target dimensions, {@code K}
 * logits, then {@code K} raw means, then {@code K} raw scales, so a row holds {@code D * 3 * K}
 * values. Weights are {@code softmax(logit)}; means go through {@link MeanActivation} with the
 * head's {@code shift} and {@code scale}; scales are {@code scale * ScaleActivation(raw)}. The
 * shift and scale put the targets' units into the parametrisation (the network works at unit
 * scale), so densities and NLL figures are in the target's own units with no correction.
 *
 * @param dims target dimensions {@code D}
 * @param mixtures components per dimension {@code K}
 * @param family the component distribution
 * @param sigma scale activation
 * @param mu mean activation
 * @param shift target location (identity means)
 * @param scale target scale, {@code > 0}
 */
public record MdnHead(
    int dims,
    int mixtures,
    ComponentFamily family,
    ScaleActivation sigma,
    MeanActivation mu,
    double shift,
    double scale) {

  public MdnHead {
    Check.positive("target dimensions", dims);
    Check.inRange("mixtures", mixtures, 1, 1000);
    Check.finite("target shift", shift);
    Check.positiveFinite("target scale", scale);
  }

  /** A head at unit scale (World Models: latents are already about unit scale). */
  public static MdnHead unitScale(
      int dims, int mixtures, ComponentFamily family, ScaleActivation sigma, MeanActivation mu) {
    return new MdnHead(dims, mixtures, family, sigma, mu, 0, 1);
  }

  /** Raw outputs per row: {@code D * 3 * K}. */
  public int width() {
    return dims * 3 * mixtures;
  }

  /**
   * The mixture parameters of raw outputs {@code [N, D*3K]}, each {@code [N, D, K]} or, with the
   * mixture axis in the middle, {@code [N, K, D]}.
   *
   * @param logPi log mixture weights
   * @param mu component means
   * @param sigma component scales
   * @param logSigma their logs, exact where {@code sigma} underflows
   */
  record TfParams(
      Operand<TFloat32> logPi,
      Operand<TFloat32> mu,
      Operand<TFloat32> sigma,
      Operand<TFloat32> logSigma) {}

  /**
   * Whether {@link #negLogLikelihood} lays the mixture parameters out as {@code [N, K, D]}: with a
   * multiple of 8 dimensions and fewer than 8 components. TensorFlow's CPU kernels work in packets
   * of 8 floats; with {@code K} innermost (5 values in World Models) the reductions and broadcasts
   * over the components run value by value and were the slowest kernels of a training step, while
   * rows of {@code D} values fill packets. The layout changes no bit under two conditions: a
   * tensor's last elements that do not fill a packet are computed by scalar code (whose {@code exp}
   * and {@code log} can differ in the last bit), so no tensor may have such a tail in either layout
   * ({@code D} a multiple of 8); and with 8 components or more a sum over {@code K} innermost adds
   * packets, in another order than the sum over the middle axis.
   */
  boolean mixtureAxisInMiddle() {
    return dims % 8 == 0 && mixtures < 8;
  }

  /**
   * Splits raw outputs {@code [N, D*3K]} (per dimension: K logits, K means, K scales) into mixture
   * parameters, {@code [N, K, D]} if {@code middle}, else {@code [N, D, K]}.
   */
  TfParams params(Ops tf, Operand<TFloat32> raw, boolean middle) {
    Operand<TFloat32> r = tf.reshape(raw, tf.constant(new long[] {-1, dims, 3, mixtures}));
    Unstack<TFloat32> parts =
        middle
            ? tf.unstack(
                tf.linalg.transpose(r, tf.constant(new int[] {0, 2, 3, 1})), 3L, Unstack.axis(1L))
            : tf.unstack(r, 3L, Unstack.axis(2L));
    Operand<TFloat32> logits = parts.output().get(0);
    Operand<TFloat32> rawMu = parts.output().get(1);
    Operand<TFloat32> rawSigma = parts.output().get(2);
    Operand<TFloat32> logPi = TfMath.logSoftmax(tf, logits, middle ? 1 : 2);
    Operand<TFloat32> m = mu.apply(tf, rawMu, shift, scale);
    Operand<TFloat32> s = tf.math.mul(tf.constant((float) scale), sigma.apply(tf, rawSigma));
    Operand<TFloat32> logS =
        tf.math.add(tf.constant((float) Math.log(scale)), sigma.log(tf, rawSigma));
    return new TfParams(logPi, m, s, logS);
  }

  /**
   * {@code -log p(y)} per row and dimension, {@code [N, D]}, as {@code -logsumexp_k(log pi_k + log
   * p_k(y))}: always in log space.
   *
   * @param raw raw outputs {@code [N, D*3K]}
   * @param y targets {@code [N, D]}
   */
  public Operand<TFloat32> negLogLikelihood(Ops tf, Operand<TFloat32> raw, Operand<TFloat32> y) {
    return negLogLikelihood(tf, raw, y, mixtureAxisInMiddle());
  }

  /** As {@link #negLogLikelihood(Ops, Operand, Operand)} in the given layout (tests). */
  Operand<TFloat32> negLogLikelihood(
      Ops tf, Operand<TFloat32> raw, Operand<TFloat32> y, boolean middle) {
    int k = middle ? 1 : 2;
    TfParams p = params(tf, raw, middle);
    Operand<TFloat32> y3 = tf.expandDims(y, tf.constant(k));
    Operand<TFloat32> logPdf = family.logPdf(tf, y3, p.mu(), p.sigma(), p.logSigma());
    return tf.math.neg(TfMath.logSumExp(tf, tf.math.add(p.logPi(), logPdf), k));
  }

  /**
   * The plain-Java mixture of dimension {@code d} of the row starting at {@code offset} in {@code
   * raw}.
   */
  public Mixture mixture(float[] raw, int offset, int d) {
    int k = mixtures;
    double[] logits = new double[k];
    double[] m = new double[k];
    double[] s = new double[k];
    int base = offset + d * 3 * k;
    for (int i = 0; i < k; i++) {
      logits[i] = raw[base + i];
      m[i] = mu.apply(raw[base + k + i], shift, scale);
      s[i] = scale * sigma.apply(raw[base + 2 * k + i]);
    }
    return Mixture.of(family, logits, m, s);
  }
}
