package org.worldmodels.vision;

import java.util.Map;

/**
 * The ConvVAE's forward pass and loss in plain Java (double, nested loops, written from the
 * definitions of convolution and transposed convolution), the oracle the graph is tested against.
 * Arrays are flat NHWC.
 */
final class VaeReference {
  private VaeReference() {}

  /**
   * Convolution without padding: {@code y[b, i, j, o] = sum_{di, dj, c} x[b, s i + di, s j + dj, c]
   * w[di, dj, c, o] + bias[o]}.
   */
  static double[] conv2d(
      double[] x, int batch, int side, int in, double[] w, double[] bias, int k, int out, int s) {
    int os = (side - k) / s + 1;
    double[] y = new double[batch * os * os * out];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < os; i++) {
        for (int j = 0; j < os; j++) {
          for (int o = 0; o < out; o++) {
            double acc = bias[o];
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                for (int c = 0; c < in; c++) {
                  acc +=
                      x[((b * side + s * i + di) * side + s * j + dj) * in + c]
                          * w[((di * k + dj) * in + c) * out + o];
                }
              }
            }
            y[((b * os + i) * os + j) * out + o] = acc;
          }
        }
      }
    }
    return y;
  }

  /**
   * Transposed convolution without padding (every input value scatters its kernel): {@code y[b, s i
   * + di, s j + dj, o] += x[b, i, j, c] w[di, dj, o, c]}, plus {@code bias[o]}; output side {@code
   * s (side - 1) + k}.
   */
  static double[] deconv2d(
      double[] x, int batch, int side, int in, double[] w, double[] bias, int k, int out, int s) {
    int os = s * (side - 1) + k;
    double[] y = new double[batch * os * os * out];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < os; i++) {
        for (int j = 0; j < os; j++) {
          for (int o = 0; o < out; o++) {
            y[((b * os + i) * os + j) * out + o] = bias[o];
          }
        }
      }
      for (int i = 0; i < side; i++) {
        for (int j = 0; j < side; j++) {
          for (int c = 0; c < in; c++) {
            double v = x[((b * side + i) * side + j) * in + c];
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                for (int o = 0; o < out; o++) {
                  y[((b * os + s * i + di) * os + s * j + dj) * out + o] +=
                      v * w[((di * k + dj) * out + o) * in + c];
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  static double[] dense(double[] x, int batch, int in, double[] w, double[] bias, int out) {
    double[] y = new double[batch * out];
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < out; o++) {
        double acc = bias[o];
        for (int i = 0; i < in; i++) {
          acc += x[b * in + i] * w[i * out + o];
        }
        y[b * out + o] = acc;
      }
    }
    return y;
  }

  static void relu(double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(0, x[i]);
    }
  }

  /** Everything the forward pass computes. */
  record Forward(double[] mu, double[] logvar, double[] logits, double[] output, double loss) {}

  static double[] d(float[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i];
    }
    return o;
  }

  /** The forward pass of {@code c} with weights {@code w} on uint8 frames and noise. */
  static Forward forward(VaeConfig c, Map<String, double[]> w, byte[] frames, float[] eps) {
    int batch = frames.length / c.frameValues();
    double[] h = new double[frames.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = (frames[i] & 0xff) / 255.0;
    }
    double[] x = h.clone();
    int side = c.frameSize();
    int in = 3;
    for (int i = 0; i < c.encoderFilters().size(); i++) {
      String n = VaeWeights.encoderConv(i);
      int f = c.encoderFilters().get(i);
      h = conv2d(h, batch, side, in, w.get(n + "/kernel"), w.get(n + "/bias"), 4, f, 2);
      relu(h);
      side = (side - 4) / 2 + 1;
      in = f;
    }
    int flat = c.encoderFlat();
    int zs = c.zSize();
    double[] mu = dense(h, batch, flat, w.get("encoder/mu/kernel"), w.get("encoder/mu/bias"), zs);
    double[] lv =
        dense(h, batch, flat, w.get("encoder/logvar/kernel"), w.get("encoder/logvar/bias"), zs);
    double[] z = new double[batch * zs];
    for (int i = 0; i < z.length; i++) {
      z[i] = mu[i] + Math.exp(lv[i] / 2) * eps[i];
    }
    int dd = c.decoderDense();
    double[] g =
        dense(z, batch, zs, w.get("decoder/dense/kernel"), w.get("decoder/dense/bias"), dd);
    relu(g);
    side = 1;
    in = dd;
    int layers = c.decoderKernels().size();
    for (int i = 0; i < layers; i++) {
      String n = VaeWeights.decoderConv(i);
      int k = c.decoderKernels().get(i);
      int f = c.decoderFiltersAt(i);
      g = deconv2d(g, batch, side, in, w.get(n + "/kernel"), w.get(n + "/bias"), k, f, 2);
      if (i < layers - 1) {
        relu(g);
      }
      side = 2 * (side - 1) + k;
      in = f;
    }
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = 1 / (1 + Math.exp(-g[i]));
    }
    int per = c.frameValues();
    double loss = 0;
    for (int b = 0; b < batch; b++) {
      double recon = 0;
      for (int i = b * per; i < (b + 1) * per; i++) {
        recon +=
            switch (c.recon()) {
              case MSE -> (out[i] - x[i]) * (out[i] - x[i]);
              case BERNOULLI -> -(x[i] * Math.log(out[i]) + (1 - x[i]) * Math.log(1 - out[i]));
            };
      }
      double kl = 0;
      for (int j = b * zs; j < (b + 1) * zs; j++) {
        kl += 0.5 * (mu[j] * mu[j] + Math.exp(lv[j]) - 1 - lv[j]);
      }
      loss += recon + Math.max(kl, c.klTolerance() * zs);
    }
    return new Forward(mu, lv, g, out, loss / batch);
  }
}
