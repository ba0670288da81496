package org.worldmodels.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** Checks the graph Adam step by step against Adam recomputed in plain Java. */
class AdamGraphTest {
  private static final float[] START = {0.5f, -1.5f, 2.0f};
  private static final float[] TARGET = {1f, 2f, -3f};

  /** Loss {@code sum(scale * (w - target)^2)}, gradient {@code 2 * scale * (w - target)}. */
  private static double[] referenceAdam(Clip clip, int steps, double lr, double scale) {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[] w = {START[0], START[1], START[2]};
    double[] m = new double[3];
    double[] v = new double[3];
    for (int t = 1; t <= steps; t++) {
      double[] g = new double[3];
      double norm = 0;
      for (int i = 0; i < 3; i++) {
        g[i] = 2 * scale * (w[i] - TARGET[i]);
        norm += g[i] * g[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < 3; i++) {
        if (clip.kind() == Clip.Kind.GLOBAL_NORM) {
          g[i] *= clip.threshold() / Math.max(norm, clip.threshold());
        } else if (clip.kind() == Clip.Kind.VALUE) {
          g[i] = Math.max(-clip.threshold(), Math.min(clip.threshold(), g[i]));
        }
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double step = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        w[i] -= step * m[i] / (Math.sqrt(v[i]) + eps);
      }
    }
    return w;
  }

  private static float[] graphAdam(Clip clip, int steps, double lr, float scale) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParamSet params = new ParamSet();
      Param w = params.add(tf, "w", new int[] {3}, START.clone());
      Operand<TFloat32> diff = tf.math.sub(w.variable(), tf.constant(TARGET));
      Operand<TFloat32> loss =
          tf.math.mul(
              tf.constant(scale), tf.reduceSum(tf.math.square(diff), tf.constant(new int[] {0})));
      AdamConfig cfg = AdamConfig.defaults(clip);
      AdamGraph adam = AdamGraph.build(tf, loss, params.params(), cfg, null);
      try (Session s = new Session(g)) {
        for (int t = 1; t <= steps; t++) {
          try (TFloat32 lrT = TFloat32.scalarOf(cfg.stepSize(lr, t));
              Result r = s.runner().feed(adam.stepSize(), lrT).addTarget(adam.train()).run()) {
            // nothing fetched
          }
        }
        return params.read(s).get("w");
      }
    }
  }

  @Test
  void matchesPlainJavaAdamWithoutClipping() {
    assertClose(referenceAdam(Clip.NONE, 50, 0.05, 1), graphAdam(Clip.NONE, 50, 0.05, 1));
  }

  @Test
  void matchesPlainJavaAdamWithGlobalNormClipping() {
    // Gradients of norm ~ 2 * 10 * 6: clipping at 1 is active at every step.
    Clip c = Clip.globalNorm(1.0);
    assertClose(referenceAdam(c, 50, 0.05, 10), graphAdam(c, 50, 0.05, 10));
  }

  @Test
  void matchesPlainJavaAdamWithValueClipping() {
    Clip c = Clip.value(0.5);
    assertClose(referenceAdam(c, 50, 0.05, 10), graphAdam(c, 50, 0.05, 10));
  }

  @Test
  void clippingChangesTheTrajectory() {
    // Guards the tests above: clipped and unclipped runs must differ for this loss.
    double[] a = referenceAdam(Clip.NONE, 5, 0.05, 10);
    double[] b = referenceAdam(Clip.value(0.5), 5, 0.05, 10);
    assertTrue(Math.abs(a[0] - b[0]) > 1e-4);
  }

  @Test
  void nonFiniteStepLeavesWeightsAndMomentsUnchanged() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParamSet params = new ParamSet();
      Param w = params.add(tf, "w", new int[] {3}, START.clone());
      // The target is fed; a NaN target makes loss and gradient NaN. (A scalar placeholder
      // multiplying the loss crashed TensorFlow's C++ gradient builder, so the NaN enters here.)
      Placeholder<TFloat32> k = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
      Operand<TFloat32> loss =
          tf.reduceSum(tf.math.square(tf.math.sub(w.variable(), k)), tf.constant(new int[] {0}));
      AdamConfig cfg = AdamConfig.defaults(Clip.globalNorm(1));
      AdamGraph adam = AdamGraph.build(tf, loss, params.params(), cfg, null);
      try (Session s = new Session(g)) {
        Map<String, float[]> before = adam.slots().read(s);
        try (TFloat32 lrT = TFloat32.scalarOf(0.1f);
            TFloat32 nan = TFloat32.vectorOf(1f, Float.NaN, 2f);
            Result r =
                s.runner()
                    .feed(adam.stepSize(), lrT)
                    .feed(k, nan)
                    .addTarget(adam.train())
                    .fetch(adam.ok())
                    .run()) {
          assertFalse(((TBool) r.get(0)).getBoolean());
        }
        assertArrayEquals(START, params.read(s).get("w"));
        Map<String, float[]> after = adam.slots().read(s);
        for (String key : before.keySet()) {
          assertArrayEquals(before.get(key), after.get(key), key);
        }
      }
    }
  }

  @Test
  void sameRunTwiceGivesTheSameBits() {
    float[] a = graphAdam(Clip.globalNorm(1), 30, 0.05, 10);
    float[] b = graphAdam(Clip.globalNorm(1), 30, 0.05, 10);
    assertArrayEquals(a, b);
  }

  private static void assertClose(double[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      // float32 arithmetic over 50 steps of size <= 0.05.
      assertEquals(expected[i], actual[i], 1e-4, "w[" + i + "]");
    }
  }
}
