package org.worldmodels.rnn;

import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** For tests that build graphs by hand: random constants in, float values out. */
final class TestTensors {
  private TestTensors() {}

  /** A constant of the given shape, values uniform in {@code [-scale, scale)}. */
  static Operand<TFloat32> random(Ops tf, SplittableRandom rng, double scale, long... shape) {
    Shape s = Shape.of(shape);
    float[] v = new float[(int) s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return tf.constant(s, DataBuffers.of(v, true, false));
  }

  /** The values of a run's {@code i}-th fetched float tensor, flat. */
  static float[] floats(Result r, int i) {
    TFloat32 t = (TFloat32) r.get(i);
    float[] v = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(v, false, false));
    return v;
  }
}
