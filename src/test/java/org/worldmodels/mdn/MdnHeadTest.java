package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The TensorFlow loss against the plain-Java mixture (itself checked against commons-math3 in
 * MixtureTest), and the loss gradient against central finite differences of the Java density.
 */
class MdnHeadTest {
  private static final int N = 7;
  private static final int D = 3;
  private static final int K = 4;

  static Stream<Arguments> heads() {
    return Stream.of(
        Arguments.of(new Gaussian(), ScaleActivation.EXP, MeanActivation.IDENTITY, 0.0, 1.0),
        Arguments.of(
            new Gaussian(), ScaleActivation.ELU_PLUS_ONE, MeanActivation.SOFTPLUS, 0.0, 2.0),
        Arguments.of(new Laplace(), ScaleActivation.EXP, MeanActivation.IDENTITY, 0.5, 0.3),
        Arguments.of(
            new Laplace(),
            ScaleActivation.ELU_PLUS_ONE,
            MeanActivation.parse("bounded:-1:2"),
            0.0,
            1.0));
  }

  private static float[] random(SplittableRandom rng, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return v;
  }

  private static double javaNll(MdnHead head, float[] raw, float[] y, int row, int d) {
    return -head.mixture(raw, row * head.width(), d).logDensity(y[row * D + d]);
  }

  @ParameterizedTest
  @MethodSource("heads")
  void graphLossMatchesJavaAndFiniteDifferences(
      ComponentFamily family,
      ScaleActivation sigma,
      MeanActivation mu,
      double shift,
      double scale) {
    MdnHead head = new MdnHead(D, K, family, sigma, mu, shift, scale);
    SplittableRandom rng = new SplittableRandom(11);
    float[] raw = random(rng, N * head.width(), 1.5);
    float[] y = random(rng, N * D, 1.2);
    for (boolean middle : new boolean[] {false, true}) {
      float[][] out = lossAndGradient(head, raw, y, middle);
      checkAgainstJava(head, raw, y, out[0], out[1]);
    }
  }

  /** The graph's NLL {@code [N, D]} and the gradient of its sum with respect to the raw outputs. */
  private static float[][] lossAndGradient(MdnHead head, float[] raw, float[] y, boolean middle) {
    int n = y.length / head.dims();
    float[] nll = new float[y.length];
    float[] grad = new float[raw.length];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var rawIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, head.width())));
      var yIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, head.dims())));
      var out = head.negLogLikelihood(tf, rawIn, yIn, middle);
      var total = tf.reduceSum(out, tf.constant(new int[] {0, 1}));
      var dRaw = tf.gradients(total, List.of(rawIn));
      try (Session s = new Session(g);
          TFloat32 rt =
              TFloat32.tensorOf(Shape.of(n, head.width()), DataBuffers.of(raw, true, false));
          TFloat32 yt =
              TFloat32.tensorOf(Shape.of(n, head.dims()), DataBuffers.of(y, true, false));
          Result r = s.runner().feed(rawIn, rt).feed(yIn, yt).fetch(out).fetch(dRaw.dy(0)).run()) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(nll, false, false));
        ((TFloat32) r.get(1)).copyTo(DataBuffers.of(grad, false, false));
      }
    }
    return new float[][] {nll, grad};
  }

  @ParameterizedTest
  @MethodSource("heads")
  void bothLayoutsGiveTheSameBits(
      ComponentFamily family,
      ScaleActivation sigma,
      MeanActivation mu,
      double shift,
      double scale) {
    // World Models' latent (32 x 5), the pixel recipes' (16 x 5), and 7 components.
    for (int[] dk : new int[][] {{32, 5}, {16, 5}, {8, 7}}) {
      MdnHead head = new MdnHead(dk[0], dk[1], family, sigma, mu, shift, scale);
      assertThat(head.mixtureAxisInMiddle()).isTrue();
      SplittableRandom rng = new SplittableRandom(3);
      float[] raw = random(rng, 51 * head.width(), 3);
      float[] y = random(rng, 51 * head.dims(), 2);
      float[][] inner = lossAndGradient(head, raw, y, false);
      float[][] middle = lossAndGradient(head, raw, y, true);
      assertThat(middle[0]).isEqualTo(inner[0]);
      assertThat(middle[1]).isEqualTo(inner[1]);
    }
    // Dimensions not a multiple of 8 (tensors with scalar tails), or 8 components and more (sums
    // over K in packets): K stays innermost.
    assertThat(new MdnHead(4, 5, family, sigma, mu, shift, scale).mixtureAxisInMiddle()).isFalse();
    assertThat(new MdnHead(12, 5, family, sigma, mu, shift, scale).mixtureAxisInMiddle()).isFalse();
    assertThat(new MdnHead(32, 8, family, sigma, mu, shift, scale).mixtureAxisInMiddle()).isFalse();
  }

  private static void checkAgainstJava(
      MdnHead head, float[] raw, float[] y, float[] nll, float[] grad) {
    for (int n = 0; n < N; n++) {
      for (int d = 0; d < D; d++) {
        double expected = javaNll(head, raw, y, n, d);
        // float32 graph vs double Java: a few ulps of values of order 1.
        assertEquals(
            expected,
            nll[n * D + d],
            1e-5 * Math.max(1, Math.abs(expected)),
            "row " + n + " dim " + d);
      }
    }
    // Central differences of the Java NLL in double precision (h = 1e-4: truncation error
    // ~h^2 * f''' ~ 1e-8, rounding of the float raw input is avoided by perturbing a copy).
    double h = 1e-4;
    for (int i = 0; i < raw.length; i++) {
      int n = i / head.width();
      int d = (i % head.width()) / (3 * K);
      double[] plus = perturbed(head, raw, y, n, d, i, h);
      double fd = (plus[0] - plus[1]) / (2 * h);
      assertEquals(fd, grad[i], 2e-3 * Math.max(1, Math.abs(fd)), "d loss / d raw[" + i + "]");
    }
  }

  /** NLL of (row n, dim d) with raw[i] moved by +h and by -h, computed in double. */
  private static double[] perturbed(
      MdnHead head, float[] raw, float[] y, int n, int d, int i, double h) {
    int offset = n * head.width() + d * 3 * K;
    double[] logits = new double[K];
    double[] rawMu = new double[K];
    double[] rawSigma = new double[K];
    double[] out = new double[2];
    for (int sign = 0; sign < 2; sign++) {
      for (int k = 0; k < K; k++) {
        logits[k] = raw[offset + k];
        rawMu[k] = raw[offset + K + k];
        rawSigma[k] = raw[offset + 2 * K + k];
      }
      double delta = sign == 0 ? h : -h;
      int j = i - offset;
      if (j < K) {
        logits[j] += delta;
      } else if (j < 2 * K) {
        rawMu[j - K] += delta;
      } else {
        rawSigma[j - 2 * K] += delta;
      }
      double[] m = new double[K];
      double[] s = new double[K];
      for (int k = 0; k < K; k++) {
        m[k] = head.mu().apply(rawMu[k], head.shift(), head.scale());
        s[k] = head.scale() * head.sigma().apply(rawSigma[k]);
      }
      out[sign] = -Mixture.of(head.family(), logits, m, s).logDensity(y[n * D + d]);
    }
    return out;
  }
}
