package org.worldmodels.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.Batch;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
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
   * @param openLoop the open-loop errors per horizon, or null where they were not asked for
   */
  public record Figure(double nllPerDim, long transitions, OpenLoop.Errors openLoop) {
    /** The figure without open-loop errors. */
    public Figure(double nllPerDim, long transitions) {
      this(nllPerDim, transitions, null);
    }
  }

  /**
   * Evaluates the latest checkpoint of {@code request.model()} on every episode of {@code
   * request.data()}, each episode in windows of the length the model was trained with (window and
   * burn-in); with {@code request.openLoop()}, adds the open-loop errors ({@link OpenLoop}) of the
   * plain-Java cell.
   *
   * @throws IllegalArgumentException naming the file for a missing or corrupt model, when the
   *     data's latent or action size is not the model's (the message starts with {@code data}), or
   *     when no episode is longer than the open-loop context (the message starts with {@code
   *     context})
   * @throws IOException if the data cannot be read
   */
  public static Figure evaluate(EvalRequest request) throws IOException {
    Checkpoint ckpt = Checkpoints.load(request.model(), false);
    Dataset dataset = EpisodeStore.load(request.data());
    MdnRnnConfig c = ckpt.metadata().model();
    if (dataset.zSize() != c.zSize() || dataset.actionSize() != c.actionSize()) {
      throw new IllegalArgumentException(
          "data "
              + request.data()
              + ": z size "
              + dataset.zSize()
              + ", action size "
              + dataset.actionSize()
              + "; the model "
              + request.model()
              + " expects "
              + c.zSize()
              + " and "
              + c.actionSize());
    }
    // The trainer's own graph length, so the figure matches its validation figure bit for bit.
    int seqLen = Trainer.trainConfigOf(ckpt.metadata().train()).unrolledLength();
    List<Episode> episodes = new ArrayList<>(dataset.size());
    for (int i = 0; i < dataset.size(); i++) {
      episodes.add(dataset.episode(i));
    }
    OpenLoop.Settings open = request.openLoop();
    if (open != null) {
      // Refused before the NLL is computed: nothing to wait for.
      requireStart(episodes, open, request.data());
    }
    Figure nll;
    try (SequenceGraph g = SequenceGraph.forEval(c, seqLen, ckpt.weights())) {
      nll = nllPerDim(g, episodes, request.batch());
    }
    if (open == null) {
      return nll;
    }
    MeanPredictor means = MeanPredictor.of(new MdnRnnCell(c, ckpt.weights()));
    return new Figure(nll.nllPerDim(), nll.transitions(), OpenLoop.of(means, episodes, open));
  }

  private static void requireStart(List<Episode> episodes, OpenLoop.Settings open, Path data) {
    int longest = 0;
    for (Episode e : episodes) {
      longest = Math.max(longest, e.length());
    }
    Check.argument(
        OpenLoop.starts(longest, open.context()) > 0,
        "context "
            + open.context()
            + " leaves no start for the open-loop error of horizon "
            + open.horizon()
            + ": no episode of data "
            + data
            + " has more than "
            + open.context()
            + " transitions (the longest has "
            + longest
            + ")");
  }

  /** Evaluates {@code episodes} with {@code graph}'s current weights, {@code batch} at a time. */
  public static Figure nllPerDim(SequenceGraph graph, List<Episode> episodes, int batch) {
    Check.positive("batch", batch);
    int zs = graph.config().zSize();
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
        SequenceGraph.Window w = Trainer.window(Batch.ofEpisodeSteps(group, from, t));
        SequenceGraph.EvalSums s = graph.evaluate(w, h, c);
        sum += s.nllSum();
        h = s.h();
        c = s.c();
      }
    }
    return new Figure(
        transitions == 0 ? Double.NaN : sum / ((double) transitions * zs), transitions);
  }

  /**
   * NLL per dimension by position within windows ({@link #nllByPosition}). Index {@code p} is the
   * window's {@code p}-th transition; NaN where a count is 0.
   *
   * @param episodeStart windows that begin an episode (its transitions {@code 0 .. L-1})
   * @param episodeStartCount transitions behind each {@code episodeStart} value
   * @param midEpisode windows that begin later in their episode
   * @param midEpisodeCount transitions behind each {@code midEpisode} value
   */
  public record Positions(
      double[] episodeStart,
      long[] episodeStartCount,
      double[] midEpisode,
      long[] midEpisodeCount) {}

  /**
   * The mixture NLL per dimension by position within windows of the graph's length {@code L} cut
   * from each episode at {@code 0, L, 2L, ...}. With {@code carry} false every window starts from a
   * zero LSTM state, as a training window without burn-in does; with {@code carry} true it starts
   * from the state the episode's previous window left, as in {@link #nllPerDim} (so the figures
   * pooled over positions are that figure). Costs {@code L} graph runs per window.
   */
  public static Positions nllByPosition(
      SequenceGraph graph, List<Episode> episodes, int batch, boolean carry) {
    Check.positive("batch", batch);
    int zs = graph.config().zSize();
    int hs = graph.config().hidden();
    int t = graph.seqLen();
    double[][] sums = new double[2][t];
    long[][] counts = new long[2][t];
    for (int start = 0; start < episodes.size(); start += batch) {
      List<Episode> group = episodes.subList(start, Math.min(episodes.size(), start + batch));
      int b = group.size();
      int longest = 0;
      for (Episode e : group) {
        longest = Math.max(longest, e.length());
      }
      float[] h = new float[b * hs];
      float[] c = new float[b * hs];
      for (int from = 0; from < longest; from += t) {
        if (!carry) {
          h = new float[b * hs];
          c = new float[b * hs];
        }
        SequenceGraph.Window w = Trainer.window(Batch.ofEpisodeSteps(group, from, t));
        int kind = from == 0 ? 0 : 1;
        SequenceGraph.EvalSums last = null;
        for (int p = 0; p < t; p++) {
          // Only position p scored: the state the graph runs through does not depend on the mask.
          float[] mask = new float[w.mask().length];
          System.arraycopy(w.mask(), p * b, mask, p * b, b);
          for (int r = 0; r < b; r++) {
            counts[kind][p] += (long) mask[p * b + r];
          }
          last =
              graph.evaluate(
                  new SequenceGraph.Window(
                      b, w.z(), w.action(), w.zNext(), w.reward(), w.done(), mask),
                  h,
                  c);
          sums[kind][p] += last.nllSum();
        }
        h = last.h();
        c = last.c();
      }
    }
    return new Positions(
        perDim(sums[0], counts[0], zs), counts[0], perDim(sums[1], counts[1], zs), counts[1]);
  }

  private static double[] perDim(double[] sums, long[] counts, int zSize) {
    double[] out = new double[sums.length];
    for (int p = 0; p < sums.length; p++) {
      out[p] = counts[p] == 0 ? Double.NaN : sums[p] / ((double) counts[p] * zSize);
    }
    return out;
  }
}
