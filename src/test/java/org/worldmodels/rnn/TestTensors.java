package org.worldmodels.rnn;

import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Graph constants of uniform random values, for tests that build graphs by hand. */
final class RandomConstants {
  private RandomConstants() {}

  /** A constant of the given shape, values uniform in {@code [-scale, scale)}. */
  static Operand<TFloat32> random(Ops tf, SplittableRandom rng, double scale, long... shape) {
    Shape s = Shape.of(shape);
    float[] v = new float[(int) s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return tf.constant(s, DataBuffers.of(v, true, false));
  }
}
