package org.worldmodels.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class TfMathTest {
  // Rows where the naive log(sum(exp)) overflows or underflows, and the framework's
  // reduceLogSumExp(keepDims=false) is wrong (TENSORFLOW-JAVA.md, section 5).
  private static final float[] ROWS = {1000, 1000, -1000, -5, 0, 5, -1000, -1001, -1002};

  @Test
  void logSumExpIsExactForExtremeRows() {
    float[] lse = new float[3];
    float[] grad = new float[9];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3)));
      var out = TfMath.logSumExp(tf, x, 1);
      var dx = tf.gradients(tf.reduceSum(out, tf.constant(new int[] {0})), List.of(x));
      try (Session s = new Session(g);
          TFloat32 xt = TFloat32.tensorOf(Shape.of(3, 3), DataBuffers.of(ROWS, true, false));
          Result r = s.runner().feed(x, xt).fetch(out).fetch(dx.dy(0)).run()) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(lse, false, false));
        ((TFloat32) r.get(1)).copyTo(DataBuffers.of(grad, false, false));
      }
    }
    for (int row = 0; row < 3; row++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 3; j++) {
        m = Math.max(m, ROWS[row * 3 + j]);
      }
      double s = 0;
      for (int j = 0; j < 3; j++) {
        s += Math.exp(ROWS[row * 3 + j] - m);
      }
      double expected = m + Math.log(s);
      // float32 at magnitude 1000 has a spacing of 6e-5.
      assertEquals(expected, lse[row], 1e-4 * Math.max(1, Math.abs(expected)), "row " + row);
      for (int j = 0; j < 3; j++) {
        double softmax = Math.exp(ROWS[row * 3 + j] - expected);
        assertEquals(softmax, grad[row * 3 + j], 1e-6, "gradient row " + row + " col " + j);
      }
    }
  }

  @Test
  void allNegativeInfinityRowGivesNegativeInfinityNotNaN() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float ninf = Float.NEGATIVE_INFINITY;
      var out = TfMath.logSumExp(tf, tf.constant(new float[][] {{ninf, ninf}, {0f, ninf}}), 1);
      try (Session s = new Session(g);
          Result r = s.runner().fetch(out).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        assertEquals(Float.NEGATIVE_INFINITY, t.getFloat(0));
        assertEquals(0f, t.getFloat(1));
      }
    }
  }

  @Test
  void chooseByFlagPassesTheChosenInputWhole() {
    float[] a = {1, -2, Float.NaN};
    float[] b = {4, 5, 6};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TBool> flag = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      var chosen =
          TfMath.chooseByFlag(
              tf,
              flag,
              tf.constant(Shape.of(3), DataBuffers.of(a, true, false)),
              tf.constant(Shape.of(3), DataBuffers.of(b, true, false)));
      try (Session s = new Session(g)) {
        for (boolean f : new boolean[] {true, false}) {
          float[] out = new float[3];
          try (TBool ft = TBool.scalarOf(f);
              Result r = s.runner().feed(flag, ft).fetch(chosen).run()) {
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
          }
          float[] expected = f ? a : b;
          for (int i = 0; i < 3; i++) {
            assertEquals(
                Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(out[i]), "flag " + f);
          }
        }
      }
    }
  }
}
