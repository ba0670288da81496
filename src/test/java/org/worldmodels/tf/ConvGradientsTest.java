package org.worldmodels.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The registered gradients against TensorFlow's own gradients of {@code Conv2D} and {@code
 * Conv2DBackpropInput}, the same functions spelled with ops that have them (the whole VAE's
 * gradients are checked against finite differences in {@code VaeGraphTest}).
 */
class ConvGradientsTest {
  private static final long[] INPUT = {3, 9, 9, 4};
  private static final long[] FILTER = {3, 3, 4, 5};

  /** Strides 1 and 2, and an input side (10) whose last row and column a stride-2 filter skips. */
  @ParameterizedTest
  @CsvSource({"9, 1", "9, 2", "10, 2"})
  void convolutionHasConv2DsGradient(long side, long stride) {
    long[] input = {3, side, side, 4};
    List<Long> strides = List.of(1L, stride, stride, 1L);
    List<float[]> ours =
        valueAndGradients(
            (tf, x, w) -> ConvGradients.convolution(tf, x, w, strides), input, FILTER, 1);
    List<float[]> theirs =
        valueAndGradients((tf, x, w) -> tf.nn.conv2d(x, w, strides, "VALID"), input, FILTER, 1);
    assertAllClose(ours, theirs);
  }

  /** The transposed convolution from [3, 4, 4, 5] up to [3, side, side, 4], 3 x 3 kernel. */
  @ParameterizedTest
  @ValueSource(longs = {9, 10})
  void transposedHasConv2DBackpropInputsGradient(long side) {
    long[] small = {3, 4, 4, 5};
    int[] out = {3, (int) side, (int) side, 4};
    List<Long> strides = List.of(1L, 2L, 2L, 1L);
    ConvOp ours = (tf, x, w) -> ConvGradients.transposed(tf, tf.constant(out), w, x, strides);
    ConvOp theirs =
        (tf, x, w) -> tf.nn.conv2dBackpropInput(tf.constant(out), w, x, strides, "VALID");
    assertAllClose(
        valueAndGradients(ours, small, FILTER, 2), valueAndGradients(theirs, small, FILTER, 2));
  }

  @Test
  void unsupportedConvolutionsFailWhenTheGradientIsBuilt() {
    ConvGradients.register();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.zeros(tf.constant(toInts(INPUT)), TFloat32.class);
      Operand<TFloat32> w = tf.zeros(tf.constant(toInts(FILTER)), TFloat32.class);
      Operand<TFloat32> y = tf.nn.conv(x, w, List.of(1L, 1L, 1L, 1L), "SAME");
      assertThatThrownBy(
              () -> tf.gradients(tf.reduceSum(y, tf.constant(new int[] {0})), List.of(w)))
          .hasMessageContaining("padding SAME");
    }
  }

  /** An op of an input and a filter. */
  private interface ConvOp {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> w);
  }

  /** The op's output and the gradients of half its sum of squares, all flat. */
  private static List<float[]> valueAndGradients(
      ConvOp op, long[] xShape, long[] wShape, long seed) {
    ConvGradients.register();
    SplittableRandom rng = new SplittableRandom(seed);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(xShape), DataBuffers.of(random(xShape, rng)));
      Operand<TFloat32> w = tf.constant(Shape.of(wShape), DataBuffers.of(random(wShape, rng)));
      Operand<TFloat32> y = op.apply(tf, x, w);
      // Half the sum of squares: its gradient with respect to y is y, so every output value counts.
      Operand<TFloat32> loss =
          tf.math.mul(
              tf.constant(0.5f),
              tf.reduceSum(tf.math.square(y), tf.constant(new int[] {0, 1, 2, 3})));
      var grads = tf.gradients(loss, List.of(x, w));
      try (Session s = new Session(g);
          Result r = s.runner().fetch(y).fetch(grads.dy(0)).fetch(grads.dy(1)).run()) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] v = new float[(int) t.shape().size()];
          t.copyTo(DataBuffers.of(v, false, false));
          out.add(v);
        }
        return out;
      }
    }
  }

  private static void assertAllClose(List<float[]> actual, List<float[]> expected) {
    String[] what = {"output", "input gradient", "filter gradient"};
    for (int i = 0; i < 3; i++) {
      assertThat(actual.get(i)).as(what[i]).hasSameSizeAs(expected.get(i));
      for (int j = 0; j < expected.get(i).length; j++) {
        float e = expected.get(i)[j];
        assertThat(actual.get(i)[j])
            .as("%s[%d]", what[i], j)
            .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-5f * Math.max(1, Math.abs(e))));
      }
    }
  }

  private static float[] random(long[] shape, SplittableRandom rng) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  private static int[] toInts(long[] shape) {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = (int) shape[i];
    }
    return out;
  }
}
