package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.worldmodels.bench.TrainBenchmark;
import org.worldmodels.rnn.SequenceGraph.Window;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.tf.TfRuntime;

/**
 * The training graph against the double-precision reference: loss, and gradients by finite
 * differences.
 */
class SequenceGraphTest {
  // Tiny but complete: reward and done heads, padding in the mask, several mixture components.
  static final MdnRnnConfig C =
      new MdnRnnConfig(
          2, 1, 3, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 4.0);
  static final int T = 4;
  static final int B = 2;

  static Window window(SplittableRandom rng) {
    float[] z = rand(rng, T * B * 2);
    float[] a = rand(rng, T * B);
    float[] zn = rand(rng, T * B * 2);
    float[] r = rand(rng, T * B);
    float[] d = new float[T * B];
    float[] m = new float[T * B];
    for (int i = 0; i < T * B; i++) {
      d[i] = rng.nextDouble() < 0.3 ? 1 : 0;
      m[i] = i < T * B - 2 ? 1 : 0; // the last step of both rows is padding
    }
    return new Window(B, z, a, zn, r, d, m);
  }

  static float[] rand(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * rng.nextDouble() - 1);
    }
    return v;
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @Test
  void lossAndGradientsMatchTheReference() {
    checkAgainstReference(LstmSequence.defaultChunk(T));
  }

  @Test
  void lossAndGradientsMatchTheReferenceInChunks() {
    // Chunks of 3 and 1 steps: the input projection, the head, its gradients and the LSTM's
    // weight-gradient products each come in two parts.
    checkAgainstReference(3);
  }

  @Test
  void lossAndGradientsMatchTheReferenceOneStepPerChunk() {
    checkAgainstReference(1);
  }

  @Test
  void lossAndGradientsMatchTheReferenceWithTheHeadInParts() {
    // Chunks of 3 and 1 steps, the head of the 3-step chunk in parts of 2 and 1.
    checkAgainstReference(3, 2);
  }

  private static void checkAgainstReference(int chunk) {
    checkAgainstReference(chunk, chunk);
  }

  private static void checkAgainstReference(int chunk, int part) {
    SplittableRandom rng = new SplittableRandom(17);
    MdnRnnWeights w = MdnRnnWeights.initial(C, rng);
    Window win = window(rng);
    double[][] p = {
      toDouble(w.lstmKernel()),
      toDouble(w.lstmBias()),
      toDouble(w.headKernel()),
      toDouble(w.headBias())
    };
    String[] names = {
      MdnRnnWeights.LSTM_KERNEL,
      MdnRnnWeights.LSTM_BIAS,
      MdnRnnWeights.HEAD_KERNEL,
      MdnRnnWeights.HEAD_BIAS
    };
    try (SequenceGraph g =
        SequenceGraph.forTraining(C, T, w, AdamConfig.defaults(Clip.NONE), null, chunk, part)) {
      double expected = ReferenceMdnRnn.loss(C, p[0], p[1], p[2], p[3], win, T);
      assertEquals(expected, g.loss(win), 1e-5 * Math.max(1, Math.abs(expected)));
      Map<String, float[]> grads = g.gradients(win);
      double h = 1e-6;
      int checked = 0;
      for (int a = 0; a < 4; a++) {
        float[] tfGrad = grads.get(names[a]);
        assertThat(tfGrad).hasSize(p[a].length);
        for (int i = 0; i < p[a].length; i++) {
          double keep = p[a][i];
          p[a][i] = keep + h;
          double up = ReferenceMdnRnn.loss(C, p[0], p[1], p[2], p[3], win, T);
          p[a][i] = keep - h;
          double down = ReferenceMdnRnn.loss(C, p[0], p[1], p[2], p[3], win, T);
          p[a][i] = keep;
          double fd = (up - down) / (2 * h);
          // float32 graph vs double central differences (truncation ~h^2, rounding ~1e-16/h).
          assertEquals(fd, tfGrad[i], 2e-4 * Math.max(1, Math.abs(fd)), names[a] + "[" + i + "]");
          checked++;
        }
      }
      assertThat(checked).isEqualTo((int) C.parameterCount());
    }
  }

  @Test
  void headPartsChangeNoBit() {
    // The head in parts of 2 or 3 steps (with the weight gradients still summed per chunk of 6)
    // trains to the same bits as the head over whole chunks, with 8 sequences a batch: every
    // part's tensors then fill TensorFlow's packets of 8 floats (see WindowLoss.headPart).
    // Both extra heads, neither, and one of them (the products' gradients differ in each).
    boolean[][] heads = {{true, true}, {false, false}, {true, false}, {false, true}};
    for (boolean[] h : heads) {
      MdnRnnConfig c =
          new MdnRnnConfig(
              4,
              2,
              16,
              3,
              MdnRnnConfig.FAMILY_DEFAULT,
              MdnRnnConfig.SIGMA_DEFAULT,
              h[0],
              h[1],
              4.0);
      MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(5));
      Map<String, float[]> whole = trainFiveSteps(c, w, 6, 6);
      for (int part : new int[] {2, 3}) {
        Map<String, float[]> parts = trainFiveSteps(c, w, 6, part);
        for (var e : whole.entrySet()) {
          assertThat(parts.get(e.getKey()))
              .as(e.getKey() + ", parts of " + part + ", reward/done heads " + h[0] + "/" + h[1])
              .isEqualTo(e.getValue());
        }
      }
    }
  }

  /** Weights and optimizer moments after five steps on 12-step windows of 8 sequences. */
  private static Map<String, float[]> trainFiveSteps(
      MdnRnnConfig c, MdnRnnWeights w, int chunk, int part) {
    int t = 12;
    int b = 8;
    var adam = AdamConfig.defaults(Clip.globalNorm(1.0));
    SplittableRandom rng = new SplittableRandom(9);
    try (SequenceGraph g = SequenceGraph.forTraining(c, t, w, adam, null, chunk, part)) {
      for (int step = 1; step <= 5; step++) {
        int n = t * b;
        float[] mask = new float[n];
        java.util.Arrays.fill(mask, 1f);
        mask[n - 1] = 0f;
        float[] done = new float[n];
        done[7] = 1f;
        Window win =
            new Window(
                b, rand(rng, n * 4), rand(rng, n * 2), rand(rng, n * 4), rand(rng, n), done, mask);
        assertThat(g.trainStep(win, adam.stepSize(1e-2, step)).applied()).isTrue();
      }
      return weightsAndSlots(g);
    }
  }

  @Test
  void trainingGivesTheSameBitsWithOneIntraOpThread() {
    // Where sessions own their intra-op threads (surefire sets TF_OVERRIDE_GLOBAL_THREADPOOL), a
    // training session running two ops at a time gets threads / 2 intra-op threads: the weights and
    // moments must be those of all threads, and of one, at the benchmark's shape and
    // CartPole-from-pixels' (z 16, a 2: an odd row count), with ops big enough to be split.
    Assumptions.assumeTrue(TfRuntime.sessionsOwnThreads() && TfRuntime.threads() > 1);
    int[][] shapes = {{32, 3}, {16, 2}};
    for (int[] s : shapes) {
      MdnRnnConfig c = MdnRnnConfig.withDefaults(s[0], s[1], 128, 5, true, true);
      MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(3));
      Map<String, float[]> all = trainThreeSteps(c, w, TfRuntime.threads());
      for (int intra : new int[] {0, 1}) {
        Map<String, float[]> other = trainThreeSteps(c, w, intra);
        assertThat(other.keySet()).isEqualTo(all.keySet());
        for (var e : all.entrySet()) {
          assertThat(other.get(e.getKey()))
              .as(e.getKey() + ", z " + s[0] + ", intra-op threads " + intra + " (0: default)")
              .isEqualTo(e.getValue());
        }
      }
    }
  }

  /** Weights and moments after three steps on windows of 64 x 32 steps. */
  private static Map<String, float[]> trainThreeSteps(
      MdnRnnConfig c, MdnRnnWeights w, int intraOpThreads) {
    AdamConfig adam = AdamConfig.defaults(Clip.globalNorm(1.0));
    SplittableRandom rng = new SplittableRandom(11);
    try (SequenceGraph g =
        SequenceGraph.forTrainingWithIntraOpThreads(c, 32, w, adam, null, intraOpThreads)) {
      for (int step = 1; step <= 3; step++) {
        Window win = TrainBenchmark.randomWindow(c, 64, 32, rng);
        assertThat(g.trainStep(win, adam.stepSize(1e-3, step)).applied()).isTrue();
      }
      return weightsAndSlots(g);
    }
  }

  /** Every weight and optimizer moment of {@code g}, by name. */
  private static Map<String, float[]> weightsAndSlots(SequenceGraph g) {
    Map<String, float[]> all = new TreeMap<>(g.weights().toMap());
    all.putAll(g.optimizerSlots());
    return all;
  }

  @Test
  void chunkedTrainingIsBitwiseReproducible() {
    // Six chunks whose heads and weight-gradient products may run beside the recursion, in any
    // order: two graphs trained on the same windows must agree in every bit.
    MdnRnnConfig c =
        new MdnRnnConfig(
            4, 2, 16, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 4.0);
    int t = 12;
    int b = 5;
    MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(5));
    var adam = AdamConfig.defaults(Clip.globalNorm(1.0));
    Map<String, float[]> first = null;
    for (int run = 0; run < 2; run++) {
      SplittableRandom rng = new SplittableRandom(9);
      try (SequenceGraph g = SequenceGraph.forTraining(c, t, w, adam, null, 2, 2)) {
        for (int step = 1; step <= 5; step++) {
          int n = t * b;
          float[] ones = new float[n];
          java.util.Arrays.fill(ones, 1f);
          Window win =
              new Window(
                  b,
                  rand(rng, n * 4),
                  rand(rng, n * 2),
                  rand(rng, n * 4),
                  rand(rng, n),
                  new float[n],
                  ones);
          assertThat(g.trainStep(win, adam.stepSize(1e-2, step)).applied()).isTrue();
        }
        Map<String, float[]> all = weightsAndSlots(g);
        if (first == null) {
          first = all;
        } else {
          for (var e : first.entrySet()) {
            assertThat(all.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
          }
        }
      }
    }
  }

  @Test
  void evaluationCarriesStateAcrossWindows() {
    // Two windows of 2 with the state carried equal one window of 4.
    SplittableRandom rng = new SplittableRandom(3);
    MdnRnnWeights w = MdnRnnWeights.initial(C, rng);
    Window full = window(rng);
    float[] ones = new float[T * B];
    java.util.Arrays.fill(ones, 1f);
    full = new Window(B, full.z(), full.action(), full.zNext(), full.reward(), full.done(), ones);
    double whole;
    try (SequenceGraph g = SequenceGraph.forEval(C, T, w)) {
      whole = g.evaluate(full, new float[B * 3], new float[B * 3]).nllSum();
    }
    try (SequenceGraph g = SequenceGraph.forEval(C, 2, w)) {
      Window first = slice(full, 0, 2);
      Window second = slice(full, 2, 2);
      var s1 = g.evaluate(first, new float[B * 3], new float[B * 3]);
      var s2 = g.evaluate(second, s1.h(), s1.c());
      assertEquals(whole, s1.nllSum() + s2.nllSum(), 1e-5 * Math.abs(whole));
    }
  }

  static Window slice(Window w, int from, int len) {
    return new Window(
        B,
        part(w.z(), from, len, B * 2),
        part(w.action(), from, len, B),
        part(w.zNext(), from, len, B * 2),
        part(w.reward(), from, len, B),
        part(w.done(), from, len, B),
        part(w.mask(), from, len, B));
  }

  static float[] part(float[] v, int from, int len, int perStep) {
    float[] out = new float[len * perStep];
    System.arraycopy(v, from * perStep, out, 0, out.length);
    return out;
  }
}
