package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Steps whose LSTM state stays in TensorFlow give the bits of steps that copy it each time. */
class StepStateTest {
  static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          3, 2, 16, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);

  @Test
  void heldStateStepsEqualCopyingSteps() {
    int b = 5;
    int hs = CONFIG.hidden();
    int out = CONFIG.outputSize();
    SplittableRandom rng = new SplittableRandom(4);
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(1));
    try (StepGraph g = new StepGraph(CONFIG, w);
        StepState state = g.newState(b)) {
      float[] h = new float[b * hs];
      float[] c = new float[b * hs];
      float[] y = new float[b * out];
      float[] yHeld = new float[b * out];
      for (int t = 0; t < 6; t++) {
        float[] z = random(rng, b * CONFIG.zSize());
        float[] a = random(rng, b * CONFIG.actionSize());
        g.step(b, z, a, h, c, y);
        g.step(state, z, a, yHeld);
        assertThat(yHeld).as("y at step %d", t).isEqualTo(y);
        if (t == 2) {
          // Row 3 starts over in both.
          Arrays.fill(h, 3 * hs, 4 * hs, 0f);
          Arrays.fill(c, 3 * hs, 4 * hs, 0f);
          state.zero(3);
        }
      }
      float[] hHeld = new float[b * hs];
      float[] cHeld = new float[b * hs];
      state.read(hHeld, cHeld);
      assertThat(hHeld).isEqualTo(h);
      assertThat(cHeld).isEqualTo(c);

      // A state written from Java continues as the arrays do.
      float[] h2 = random(rng, b * hs);
      float[] c2 = random(rng, b * hs);
      state.set(h2.clone(), c2.clone());
      float[] z = random(rng, b * CONFIG.zSize());
      float[] a = random(rng, b * CONFIG.actionSize());
      g.step(b, z, a, h2, c2, y);
      g.step(state, z, a, yHeld);
      assertThat(yHeld).isEqualTo(y);
      state.read(hHeld, cHeld);
      assertThat(hHeld).isEqualTo(h2);

      state.zero();
      state.read(hHeld, cHeld);
      assertThat(hHeld).containsOnly(0f);
      assertThat(cHeld).containsOnly(0f);
    }
  }

  @Test
  void theHeadOutputReadInPartsOnTwoThreadsIsTheWholeOne() throws Exception {
    int b = 7;
    int out = CONFIG.outputSize();
    SplittableRandom rng = new SplittableRandom(5);
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(2));
    try (StepGraph g = new StepGraph(CONFIG, w);
        StepState whole = g.newState(b);
        StepState parts = g.newState(b)) {
      for (int t = 0; t < 3; t++) {
        float[] z = random(rng, b * CONFIG.zSize());
        float[] a = random(rng, b * CONFIG.actionSize());
        float[] y = new float[b * out];
        g.step(whole, z, a, y);
        g.advance(parts, z, a);
        float[] yParts = new float[b * out];
        Thread other = new Thread(() -> parts.readOutput(3, b, yParts));
        other.start();
        parts.readOutput(0, 3, yParts);
        other.join();
        assertThat(yParts).as("step %d", t).isEqualTo(y);
        float[] none = new float[b * out];
        parts.readOutput(4, 4, none);
        assertThat(none).containsOnly(0f);
      }
      assertThatThrownBy(() -> parts.readOutput(2, 8, new float[b * out]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rows [2, 8) into 140 values; expected rows in [0, 7] into 140");
      assertThatThrownBy(() -> parts.readOutput(0, 1, new float[out]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("into 20 values");
      parts.zero();
      assertThatThrownBy(() -> parts.readOutput(0, 1, new float[b * out]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no step has run since the state was set");
    }
  }

  @Test
  void badUseIsRefused() {
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(1));
    try (StepGraph g = new StepGraph(CONFIG, w)) {
      StepState state = g.newState(2);
      assertThatThrownBy(() -> state.zero(2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("row must be in [0, 1], got 2");
      assertThatThrownBy(() -> state.set(new float[3], new float[32]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 and 32 values for 32");
      assertThatThrownBy(() -> g.step(state, new float[5], new float[4], new float[40]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("z has 5 values; expected 6");
      state.close();
      state.close();
      assertThatThrownBy(() -> g.step(state, new float[6], new float[4], new float[20]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("StepState is closed");
    }
  }

  static float[] random(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * rng.nextDouble() - 1);
    }
    return v;
  }

  @Test
  void aFailedAllocationClosesWhatWasAllocatedBefore() {
    List<String> closed = new ArrayList<>();
    int[] calls = {0};
    Function<Shape, TFloat32> allocate =
        shape -> {
          if (calls[0]++ == 1) {
            throw new IllegalStateException("no memory for " + shape);
          }
          return closeRecorder("tensor " + calls[0], closed);
        };
    assertThatThrownBy(() -> new StepState(2, 4, 3, 1, allocate))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no memory");
    assertThat(calls[0]).isEqualTo(2);
    assertThat(closed).containsExactly("tensor 1");
  }

  /** A tensor that only records that it was closed (anything else is a test failure). */
  private static TFloat32 closeRecorder(String name, List<String> closed) {
    return (TFloat32)
        Proxy.newProxyInstance(
            TFloat32.class.getClassLoader(),
            new Class<?>[] {TFloat32.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closed.add(name);
                return null;
              }
              throw new AssertionError("unexpected call " + method.getName() + " on " + name);
            });
  }
}
