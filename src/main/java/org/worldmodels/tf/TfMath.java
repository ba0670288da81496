package org.worldmodels.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** Numerically safe graph building blocks. */
public final class TfMath {
  private TfMath() {}

  /**
   * {@code log sum exp(x)} over {@code axis}, shifted by the (gradient-free) maximum so that it
   * neither overflows nor underflows, keeping the reduced axis as size 1. The framework's {@code
   * reduceLogSumExp} with {@code keepDims=false} returns wrong values in TensorFlow Java 1.1.0, so
   * it is not used.
   */
  public static Operand<TFloat32> logSumExpKeepDims(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<org.tensorflow.types.TInt32> ax = tf.constant(new int[] {axis});
    Operand<TFloat32> m = tf.stopGradient(tf.reduceMax(x, ax, ReduceMax.keepDims(true)));
    // A row of all -inf has max -inf; exp(x - max) would be NaN. Shift by 0 there instead.
    Operand<TFloat32> safeM = tf.select(tf.math.isFinite(m), m, tf.zerosLike(m));
    Operand<TFloat32> s =
        tf.reduceSum(tf.math.exp(tf.math.sub(x, safeM)), ax, ReduceSum.keepDims(true));
    return tf.math.add(tf.math.log(s), safeM);
  }

  /** {@code log sum exp(x)} over {@code axis}, which is removed. */
  public static Operand<TFloat32> logSumExp(Ops tf, Operand<TFloat32> x, int axis) {
    return tf.squeeze(
        logSumExpKeepDims(tf, x, axis),
        org.tensorflow.op.core.Squeeze.axis(java.util.List.of((long) axis)));
  }

  /** {@code x - logsumexp(x)} over {@code axis}: log mixture weights from logits. */
  public static Operand<TFloat32> logSoftmax(Ops tf, Operand<TFloat32> x, int axis) {
    return tf.math.sub(x, logSumExpKeepDims(tf, x, axis));
  }

  /**
   * {@code flag ? ifTrue : ifFalse} for a scalar {@code flag}, as TensorFlow's original {@code
   * Select} op: it passes the chosen input through without copying it. {@link Ops#select} builds
   * {@code SelectV2}, which copies it (1.5 ms for 16 MB here), and the optimizer's three choices a
   * tensor took about 5 ms of a World Models VAE training step (docs/vision.md).
   */
  public static Operand<TFloat32> chooseByFlag(
      Ops tf, Operand<TBool> flag, Operand<TFloat32> ifTrue, Operand<TFloat32> ifFalse) {
    Scope scope = tf.scope();
    return scope
        .opBuilder("Select", "Select")
        .addInput(flag.asOutput())
        .addInput(ifTrue.asOutput())
        .addInput(ifFalse.asOutput())
        .build()
        .output(0);
  }
}
