package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.TfRuntime;

/** The LSTM's weight gradients as one product per chunk or as two (halves of the rows). */
class LstmSequenceTest {
  private static Operand<TFloat32> random(Ops tf, SplittableRandom rng, double scale, long... s) {
    Shape shape = Shape.of(s);
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return tf.constant(shape, DataBuffers.of(v, true, false));
  }

  @Test
  void weightGradientHalvesChangeNoBit() {
    // The benchmark's shape (64 sequences of 32 steps, 35 inputs, LSTM 128: chunks of 25 and 7
    // steps) and a 100-step window at World Models' LSTM of 256, where the products are large
    // enough for the product library to block them.
    int[][] shapes = {{64, 32, 35, 128}, {16, 100, 35, 256}};
    for (int[] s : shapes) {
      int b = s[0];
      int t = s[1];
      int in = s[2];
      int h = s[3];
      SplittableRandom rng = new SplittableRandom(17);
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        LstmSequence lstm =
            new LstmSequence(
                tf,
                t,
                LstmSequence.defaultChunk(t),
                in,
                h,
                random(tf, rng, 1, t, b, in),
                random(tf, rng, 0.5, b, h),
                random(tf, rng, 0.5, b, h),
                random(tf, rng, 0.2, in + h, 4 * h),
                random(tf, rng, 0.1, 4 * h));
        List<Operand<TFloat32>> dOutput = new ArrayList<>();
        for (int i = 0; i < t; i++) {
          dOutput.add(random(tf, rng, 1, b, h));
        }
        List<Operand<TFloat32>> whole = lstm.gradients(tf, dOutput, false);
        List<Operand<TFloat32>> halves = lstm.gradients(tf, dOutput, true);
        try (Session session = TfRuntime.session(g, 2);
            Result r =
                session
                    .runner()
                    .fetch(whole.get(0))
                    .fetch(whole.get(1))
                    .fetch(halves.get(0))
                    .fetch(halves.get(1))
                    .run()) {
          for (int k = 0; k < 2; k++) {
            float[] a = values(r, k);
            float[] c = values(r, k + 2);
            assertThat(a).as("norm").matches(v -> norm(v) > 1e-3);
            assertThat(c).as((k == 0 ? "kernel" : "bias") + ", shape " + t).isEqualTo(a);
          }
        }
      }
    }
  }

  private static float[] values(Result r, int i) {
    TFloat32 x = (TFloat32) r.get(i);
    float[] v = new float[(int) x.size()];
    x.asRawTensor().data().asFloats().read(v);
    return v;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
