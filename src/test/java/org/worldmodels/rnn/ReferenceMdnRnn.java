package org.worldmodels.rnn;

import org.worldmodels.mdn.MdnHead;
import org.worldmodels.rnn.SequenceGraph.Window;

/**
 * An independent double-precision re-implementation of the MDN-RNN loss, straight from the
 * equations, used as the oracle for the graph's loss and (by finite differences) its gradients.
 */
final class ReferenceMdnRnn {
  private ReferenceMdnRnn() {}

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** The total loss of a window with zero initial state, weights given as doubles. */
  static double loss(
      MdnRnnConfig c, double[] lk, double[] lb, double[] hk, double[] hb, Window w, int t) {
    int b = w.batch();
    int zs = c.zSize();
    int as = c.actionSize();
    int hs = c.hidden();
    int in = zs + as;
    int out = c.outputSize();
    int k = c.mixtures();
    MdnHead head = c.head();
    double[][] h = new double[b][hs];
    double[][] cell = new double[b][hs];
    double nll = 0;
    double rew = 0;
    double done = 0;
    double valid = 0;
    for (int step = 0; step < t; step++) {
      for (int row = 0; row < b; row++) {
        int cellIdx = step * b + row;
        double[] x = new double[in + hs];
        for (int i = 0; i < zs; i++) {
          x[i] = w.z()[cellIdx * zs + i];
        }
        for (int i = 0; i < as; i++) {
          x[zs + i] = w.action()[cellIdx * as + i];
        }
        System.arraycopy(h[row], 0, x, in, hs);
        double[] g = new double[4 * hs];
        for (int j = 0; j < 4 * hs; j++) {
          double s = lb[j];
          for (int i = 0; i < in + hs; i++) {
            s += x[i] * lk[i * 4 * hs + j];
          }
          g[j] = s;
        }
        for (int j = 0; j < hs; j++) {
          double ig = sigmoid(g[j]);
          double fg = sigmoid(g[hs + j]);
          double cc = Math.tanh(g[2 * hs + j]);
          double og = sigmoid(g[3 * hs + j]);
          cell[row][j] = fg * cell[row][j] + ig * cc;
          h[row][j] = og * Math.tanh(cell[row][j]);
        }
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
          double s = hb[o];
          for (int j = 0; j < hs; j++) {
            s += h[row][j] * hk[j * out + o];
          }
          y[o] = s;
        }
        double m = w.mask()[cellIdx];
        valid += m;
        for (int d = 0; d < zs; d++) {
          double[] logits = new double[k];
          double[] mu = new double[k];
          double[] sigma = new double[k];
          for (int i = 0; i < k; i++) {
            logits[i] = y[d * 3 * k + i];
            mu[i] = y[d * 3 * k + k + i];
            sigma[i] = head.sigma().apply(y[d * 3 * k + 2 * k + i]);
          }
          // log-sum-exp by hand, independently of the main code
          double max = Double.NEGATIVE_INFINITY;
          for (double l : logits) {
            max = Math.max(max, l);
          }
          double z = 0;
          for (double l : logits) {
            z += Math.exp(l - max);
          }
          double logZ = max + Math.log(z);
          double target = w.zNext()[cellIdx * zs + d];
          double total = 0;
          for (int i = 0; i < k; i++) {
            double u = (target - mu[i]) / sigma[i];
            total +=
                Math.exp(logits[i] - logZ)
                    * Math.exp(-0.5 * u * u)
                    / (sigma[i] * Math.sqrt(2 * Math.PI));
          }
          nll -= m * Math.log(total);
        }
        if (c.rewardHead()) {
          double e = y[c.rewardColumn()] - w.reward()[cellIdx];
          rew += m * e * e;
        }
        if (c.doneHead()) {
          double l = y[c.doneColumn()];
          double dd = w.done()[cellIdx];
          done += m * (c.donePositiveWeight() * dd * softplus(-l) + (1 - dd) * softplus(l));
        }
      }
    }
    valid = Math.max(valid, 1);
    return nll / (valid * zs) + rew / valid + done / valid;
  }
}
