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
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * The head's gradients as {@link WindowLoss} writes them (the products' gradients by hand, the head
 * in parts) against TensorFlow's own gradient of the window's loss, bit for bit.
 */
class WindowLossTest {
  private static final int T = 12;
  private static final int B = 8;

  @Test
  void handWrittenGradientsAreTensorFlowsOwn() {
    // z 16 (the mixture axis in the middle), both extra heads, two chunks of 6 steps, and the head
    // in parts of 2 and of 3 steps as well as whole chunks.
    for (boolean extraHeads : new boolean[] {true, false}) {
      MdnRnnConfig c =
          new MdnRnnConfig(
              16,
              2,
              16,
              3,
              MdnRnnConfig.FAMILY_DEFAULT,
              MdnRnnConfig.SIGMA_DEFAULT,
              extraHeads,
              extraHeads,
              4.0);
      for (int part : new int[] {6, 3, 2}) {
        assertSameGradients(c, part);
      }
    }
  }

  private static void assertSameGradients(MdnRnnConfig c, int part) {
    SplittableRandom rng = new SplittableRandom(23);
    int h = c.hidden();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> hAll = random(tf, rng, 1, T, B, h);
      Operand<TFloat32> kernel = random(tf, rng, 0.5, h, c.outputSize());
      Operand<TFloat32> bias = random(tf, rng, 0.5, c.outputSize());
      float[] mask = new float[T * B];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = i % 7 == 3 ? 0f : 1f;
      }
      float[] done = new float[T * B];
      done[5] = 1f;
      done[40] = 1f;
      WindowLoss.Targets targets =
          new WindowLoss.Targets(
              random(tf, rng, 1.5, T, B, c.zSize()),
              random(tf, rng, 1, T, B),
              tf.constant(Shape.of(T, B), DataBuffers.of(done, true, false)),
              tf.constant(Shape.of(T, B), DataBuffers.of(mask, true, false)));
      WindowLoss.StepOutputs outputs =
          (scope, from, len) ->
              scope.slice(
                  hAll,
                  scope.constant(new int[] {from, 0, 0}),
                  scope.constant(new int[] {len, -1, -1}));
      WindowLoss ours =
          WindowLoss.build(tf, c, T, outputs, 6, part, 2, kernel, bias, targets, true);
      WindowLoss plain = WindowLoss.build(tf, c, T, outputs, 6, 6, 1, kernel, bias, targets, false);
      Gradients theirs = tf.gradients(plain.loss(), List.of(hAll, kernel, bias));
      List<Operand<?>> fetch = new ArrayList<>();
      fetch.add(tf.stack(ours.dOutput()));
      fetch.add(ours.dHeadKernel());
      fetch.add(ours.dHeadBias());
      fetch.add(ours.loss());
      fetch.add(theirs.dy(0));
      fetch.add(theirs.dy(1));
      fetch.add(theirs.dy(2));
      fetch.add(plain.loss());
      try (Session s = new Session(g)) {
        Session.Runner r = s.runner();
        fetch.forEach(r::fetch);
        try (Result res = r.run()) {
          String[] names = {"dOutput", "dHeadKernel", "dHeadBias", "loss"};
          for (int i = 0; i < 4; i++) {
            assertThat(floats(res, i))
                .as(names[i] + ", parts of " + part + ", extra heads " + c.rewardHead())
                .isEqualTo(floats(res, i + 4));
          }
        }
      }
    }
  }
}
