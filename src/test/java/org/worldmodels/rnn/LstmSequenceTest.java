package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.worldmodels.rnn.TestTensors.floats;
import static org.worldmodels.rnn.TestTensors.random;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.TfRuntime;

/** The LSTM's products split in halves of their rows against whole, bit for bit. */
class LstmSequenceTest {

  @Test
  void projectionAndWeightGradientHalvesChangeNoBit() {
    // The first chunk's input projection and each chunk's weight gradient as one product or as two
    // (halves of the rows), each against the whole products: at the benchmark's shape (64
    // sequences of 32 steps, 35 inputs, LSTM 128: chunks of 25 and 7 steps, 164 rows), at 100 steps
    // of World Models' LSTM of 256 (products large enough to be blocked), with an odd row count
    // and a window shorter than a chunk (7 steps: 4 + 3), and with a single step (nothing split).
    int[][] shapes = {{64, 32, 35, 128}, {16, 100, 35, 256}, {8, 7, 34, 16}, {8, 1, 35, 16}};
    String[] names = {"outputs", "kernel gradient", "bias gradient"};
    for (int[] s : shapes) {
      int b = s[0];
      int t = s[1];
      int in = s[2];
      int h = s[3];
      SplittableRandom rng = new SplittableRandom(17);
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> x = random(tf, rng, 1, t, b, in);
        Operand<TFloat32> h0 = random(tf, rng, 0.5, b, h);
        Operand<TFloat32> c0 = random(tf, rng, 0.5, b, h);
        Operand<TFloat32> kernel = random(tf, rng, 0.2, in + h, 4 * h);
        Operand<TFloat32> bias = random(tf, rng, 0.1, 4 * h);
        List<Operand<TFloat32>> dOutput = new ArrayList<>();
        for (int i = 0; i < t; i++) {
          dOutput.add(random(tf, rng, 1, b, h));
        }
        // Whole products, the projection in halves, the weight gradients in halves.
        List<Operand<TFloat32>> fetches = new ArrayList<>();
        boolean[][] variants = {{false, false}, {true, false}, {false, true}};
        for (boolean[] v : variants) {
          LstmSequence lstm =
              new LstmSequence(
                  tf, t, LstmSequence.defaultChunk(t), in, h, x, h0, c0, kernel, bias, v[0]);
          fetches.add(lstm.outputs(tf, 0, t));
          fetches.addAll(lstm.gradients(tf, dOutput, v[1]));
        }
        try (Session session = TfRuntime.session(g, 2)) {
          Session.Runner runner = session.runner();
          fetches.forEach(runner::fetch);
          try (Result r = runner.run()) {
            for (int k = 0; k < 3; k++) {
              float[] whole = floats(r, k);
              assertThat(norm(whole)).as(names[k]).isGreaterThan(1e-3);
              for (int variant = 1; variant < 3; variant++) {
                assertThat(floats(r, 3 * variant + k))
                    .as(
                        names[k]
                            + ", "
                            + t
                            + " steps, "
                            + (variant == 1 ? "projection" : "gradient"))
                    .isEqualTo(whole);
              }
            }
          }
        }
      }
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
