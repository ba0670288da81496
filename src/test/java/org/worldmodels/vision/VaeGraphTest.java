package org.worldmodels.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.tf.TestThreads;
import org.worldmodels.tf.TfRuntime;

/** The graph against the plain-Java {@link VaeReference} and other oracles. */
class VaeGraphTest {
  /** 16 x 16 frames: convolutions 16 -> 7 -> 2, transposed 1 -> 6 -> 16. */
  static VaeConfig tiny(ReconLoss recon) {
    return new VaeConfig(16, 3, List.of(4, 8), 16, List.of(6, 6), List.of(4), 0.5, recon);
  }

  /** Glorot kernels and non-zero biases, so that bias gradients are tested too. */
  static VaeWeights randomWeights(VaeConfig c, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, float[]> m = new LinkedHashMap<>(VaeWeights.initial(c, rng).map());
    for (var e : m.entrySet()) {
      if (e.getKey().endsWith("/bias")) {
        float[] b = e.getValue().clone();
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) (0.2 * (rng.nextDouble() - 0.5));
        }
        e.setValue(b);
      }
    }
    return VaeWeights.fromMap(m, c, "test");
  }

  static byte[] randomFrames(VaeConfig c, int batch, long seed) {
    byte[] f = new byte[batch * c.frameValues()];
    new SplittableRandom(seed).nextBytes(f);
    return f;
  }

  static float[] randomEps(VaeConfig c, int batch, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] e = new float[batch * c.zSize()];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) rng.nextGaussian();
    }
    return e;
  }

  static Map<String, double[]> doubles(VaeWeights w) {
    Map<String, double[]> m = new LinkedHashMap<>();
    w.map().forEach((k, v) -> m.put(k, VaeReference.d(v)));
    return m;
  }

  private static void assertClose(float[] actual, double[] expected, double tol, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      double err = Math.abs(actual[i] - expected[i]);
      assertThat(err)
          .as("%s[%d]: graph %s, Java %s", what, i, actual[i], expected[i])
          .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected[i])));
    }
  }

  @ParameterizedTest
  @EnumSource(ReconLoss.class)
  void convolutionsAndLossMatchPlainJava(ReconLoss recon) {
    VaeConfig c = tiny(recon);
    VaeWeights w = randomWeights(c, 1);
    byte[] frames = randomFrames(c, 3, 2);
    float[] eps = randomEps(c, 3, 3);
    VaeReference.Forward ref = VaeReference.forward(c, doubles(w), frames, eps);
    VaeReference.Forward mean = VaeReference.forward(c, doubles(w), frames, new float[9]);
    try (VaeGraph g = VaeGraph.forInference(c, w)) {
      VaeGraph.Encoded enc = g.encode(frames);
      assertClose(enc.mu(), ref.mu(), 1e-5, "mu");
      assertClose(enc.logvar(), ref.logvar(), 1e-5, "logvar");
      // The decoder (transposed convolutions) on the mean latent, fed directly as z.
      float[] muF = enc.mu();
      assertClose(g.decode(muF), mean.output(), 1e-5, "decode(mu)");
      assertClose(g.reconstruct(frames, eps), ref.output(), 1e-5, "reconstruct(eps)");
      assertThat(g.loss(frames, eps))
          .isCloseTo(ref.loss(), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
  }

  @Test
  void defaultSizedGraphMatchesPlainJavaOnOneFrame() {
    VaeConfig c = VaeConfig.defaults().narrowedBy(8);
    VaeWeights w = randomWeights(c, 4);
    byte[] frames = randomFrames(c, 1, 5);
    float[] eps = randomEps(c, 1, 6);
    VaeReference.Forward ref = VaeReference.forward(c, doubles(w), frames, eps);
    try (VaeGraph g = VaeGraph.forInference(c, w)) {
      assertClose(g.encode(frames).mu(), ref.mu(), 1e-4, "mu");
      assertClose(g.reconstruct(frames, eps), ref.output(), 1e-4, "output");
    }
  }

  @Test
  void inferenceGraphAgreesWithTrainingsAndWithFramesAlone() {
    // Inference runs the generic Conv op on the batch's two halves (at an odd batch sharing the
    // middle frame), training Conv2D on the whole; the decoder too runs in halves there.
    VaeConfig c = VaeConfig.defaults();
    VaeWeights w = randomWeights(c, 21);
    int batch = 5;
    int values = c.frameValues();
    int zs = c.zSize();
    byte[] frames = randomFrames(c, batch, 22);
    try (VaeGraph inference = VaeGraph.forInference(c, w);
        VaeGraph training = VaeGraph.forTraining(c, w, AdamConfig.defaults(Clip.NONE), null)) {
      VaeGraph.Encoded all = inference.encode(frames);
      // The halves run at once; their order of completion must not reach the bits.
      for (int again = 0; again < 5; again++) {
        assertThat(inference.encode(frames).mu()).containsExactly(all.mu());
      }
      VaeGraph.Encoded trained = training.encode(frames);
      assertClose(all.mu(), VaeReference.d(trained.mu()), 1e-5, "mu");
      assertClose(all.logvar(), VaeReference.d(trained.logvar()), 1e-5, "logvar");
      for (int b = 0; b < batch; b++) {
        VaeGraph.Encoded alone =
            inference.encode(Arrays.copyOfRange(frames, b * values, (b + 1) * values));
        // Not the same bits: the kernels block the sums by the batch's size.
        assertClose(
            Arrays.copyOfRange(all.mu(), b * zs, (b + 1) * zs),
            VaeReference.d(alone.mu()),
            1e-5,
            "mu of frame " + b + " in the batch against alone");
      }
      float[] decoded = inference.decode(all.mu());
      assertThat(inference.decode(all.mu())).containsExactly(decoded);
      assertClose(decoded, VaeReference.d(training.decode(all.mu())), 1e-5, "decoded frames");
      float[] lastAlone =
          inference.decode(Arrays.copyOfRange(all.mu(), (batch - 1) * zs, batch * zs));
      assertClose(
          Arrays.copyOfRange(decoded, (batch - 1) * values, batch * values),
          VaeReference.d(lastAlone),
          1e-5,
          "the last frame decoded in the batch against alone");
    }
  }

  @Test
  void oneThreadGivesTheBitsOfOneThreadPerHalf() throws Exception {
    // WORLDMODELS_THREADS=1 runs the halves one after the other instead of at once, each on one
    // thread as before: the same bits.
    Assumptions.assumeTrue(TfRuntime.sessionsOwnThreads() && TfRuntime.threads() > 1);
    VaeConfig c = VaeConfig.defaults();
    VaeWeights w = randomWeights(c, 31);
    byte[] frames = randomFrames(c, 7, 32);
    float[] mu;
    float[] decoded;
    try (VaeGraph g = VaeGraph.forInference(c, w)) {
      mu = g.encode(frames).mu();
      decoded = g.decode(mu);
    }
    TestThreads.with(
        1,
        () -> {
          try (VaeGraph g = VaeGraph.forInference(c, w)) {
            assertThat(g.encode(frames).mu()).containsExactly(mu);
            assertThat(g.decode(mu)).containsExactly(decoded);
          }
        });
  }

  @Test
  void klMatchesNumericalIntegration() {
    VaeConfig c = tiny(ReconLoss.MSE);
    VaeWeights w = randomWeights(c, 7);
    byte[] frames = randomFrames(c, 2, 8);
    try (VaeGraph g = VaeGraph.forInference(c, w)) {
      VaeGraph.Encoded enc = g.encode(frames);
      double[] kl = g.evaluate(frames).kl();
      SimpsonIntegrator simpson = new SimpsonIntegrator(1e-10, 1e-10, 3, 30);
      for (int b = 0; b < 2; b++) {
        double sum = 0;
        for (int j = 0; j < c.zSize(); j++) {
          double m = enc.mu()[b * 3 + j];
          double s = Math.exp(enc.logvar()[b * 3 + j] / 2);
          NormalDistribution q = new NormalDistribution(m, s);
          NormalDistribution p = new NormalDistribution(0, 1);
          // KL(q || p) = integral of q (log q - log p), over mu +- 12 sigma.
          sum +=
              simpson.integrate(
                  1_000_000,
                  x -> q.density(x) * (q.logDensity(x) - p.logDensity(x)),
                  m - 12 * s,
                  m + 12 * s);
        }
        assertThat(kl[b])
            .as("frame %d", b)
            .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4 + 1e-4 * sum));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ReconLoss.class)
  void gradientsMatchFiniteDifferences(ReconLoss recon) {
    checkGradientsAgainstFiniteDifferences(tiny(recon).withKlTolerance(0.01));
  }

  /**
   * A decoder with a transposed convolution between its first (a product) and last (sub-pixel)
   * layers, so that the transposed convolution's registered gradient is checked too.
   */
  @Test
  void gradientsMatchFiniteDifferencesThroughATransposedConvolution() {
    checkGradientsAgainstFiniteDifferences(
        new VaeConfig(
            16, 3, List.of(4, 8), 16, List.of(2, 4, 6), List.of(6, 4), 0.01, ReconLoss.MSE));
  }

  private static void checkGradientsAgainstFiniteDifferences(VaeConfig c) {
    VaeWeights w = randomWeights(c, 11);
    byte[] frames = randomFrames(c, 2, 12);
    float[] eps = randomEps(c, 2, 13);
    Map<String, double[]> wd = doubles(w);
    List<String> names = List.copyOf(VaeWeights.shapes(c).keySet());
    try (VaeGraph g = VaeGraph.forTraining(c, w, AdamConfig.defaults(Clip.NONE), null)) {
      VaeGraph.LossAndGradients lg = g.lossAndGradients(frames, eps);
      assertThat(lg.loss())
          .isCloseTo(
              VaeReference.forward(c, wd, frames, eps).loss(),
              org.assertj.core.data.Percentage.withPercentage(1e-3));
      SplittableRandom pick = new SplittableRandom(14);
      int checked = 0;
      for (int p = 0; p < names.size(); p++) {
        double[] v = wd.get(names.get(p));
        float[] grad = lg.gradients().get(p);
        for (int trial = 0; trial < 6; trial++) {
          int i = pick.nextInt(v.length);
          double h = 1e-5;
          double old = v[i];
          v[i] = old + h;
          double up = VaeReference.forward(c, wd, frames, eps).loss();
          v[i] = old - h;
          double down = VaeReference.forward(c, wd, frames, eps).loss();
          v[i] = old;
          double fd = (up - down) / (2 * h);
          assertThat((double) grad[i])
              .as("d loss / d %s[%d]", names.get(p), i)
              .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(fd))));
          checked++;
        }
      }
      assertThat(checked).isEqualTo(6 * names.size());
    }
  }
}
