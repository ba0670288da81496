package org.worldmodels.train;

import java.util.List;
import org.worldmodels.data.Episode;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.util.Check;

/**
 * The held-out figure {@code nll_per_dim}: the mean, over every transition {@code (z[t], a[t]) ->
 * z[t+1]} of every episode and over the latent dimensions, of {@code -ln p(z[t+1, d])} (mixture
 * term only), each episode run from its start with zero LSTM state, in nats.
 *
 * <p>Episodes are run {@code B} at a time in windows of the graph's length, the LSTM state carried
 * from one window to the next; finished episodes are masked.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * The figure and what it averaged over.
   *
   * @param nllPerDim mean NLL per transition and dimension, nats (NaN without transitions)
   * @param transitions number of transitions
   */
  public record Figure(double nllPerDim, long transitions) {}

  /** Evaluates {@code episodes} with {@code graph}'s current weights, {@code batch} at a time. */
  public static Figure nllPerDim(SequenceGraph graph, List<Episode> episodes, int batch) {
    Check.positive("batch", batch);
    int zs = graph.config().zSize();
    int as = graph.config().actionSize();
    int hs = graph.config().hidden();
    int t = graph.seqLen();
    double sum = 0;
    long transitions = 0;
    for (int start = 0; start < episodes.size(); start += batch) {
      List<Episode> group = episodes.subList(start, Math.min(episodes.size(), start + batch));
      int b = group.size();
      int longest = 0;
      for (Episode e : group) {
        longest = Math.max(longest, e.length());
        transitions += e.length();
      }
      float[] h = new float[b * hs];
      float[] c = new float[b * hs];
      for (int from = 0; from < longest; from += t) {
        SequenceGraph.Window w = window(group, from, t, zs, as);
        SequenceGraph.EvalSums s = graph.evaluate(w, h, c);
        sum += s.nllSum();
        h = s.h();
        c = s.c();
      }
    }
    return new Figure(
        transitions == 0 ? Double.NaN : sum / ((double) transitions * zs), transitions);
  }

  /** Steps {@code [from, from + t)} of each episode, time-major, padded and masked. */
  static SequenceGraph.Window window(List<Episode> group, int from, int t, int zs, int as) {
    int b = group.size();
    float[] z = new float[t * b * zs];
    float[] a = new float[t * b * as];
    float[] zn = new float[t * b * zs];
    float[] r = new float[t * b];
    float[] d = new float[t * b];
    float[] m = new float[t * b];
    for (int row = 0; row < b; row++) {
      Episode e = group.get(row);
      for (int k = 0; k < t; k++) {
        int step = from + k;
        if (step >= e.length()) {
          break;
        }
        int cell = k * b + row;
        System.arraycopy(e.z()[step], 0, z, cell * zs, zs);
        System.arraycopy(e.z()[step + 1], 0, zn, cell * zs, zs);
        System.arraycopy(e.action()[step], 0, a, cell * as, as);
        r[cell] = e.reward()[step];
        d[cell] = e.terminated()[step] ? 1 : 0;
        m[cell] = 1;
      }
    }
    return new SequenceGraph.Window(b, z, a, zn, r, d, m);
  }
}
