package org.worldmodels.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.Batch;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
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
   */
  public record Figure(double nllPerDim, long transitions) {}

  /**
   * Evaluates the latest checkpoint of {@code request.model()} on every episode of {@code
   * request.data()}, each episode in windows of the length the model was trained with.
   *
   * @throws IllegalArgumentException naming the file for a missing or corrupt model, or when the
   *     data's latent or action size is not the model's (the message starts with {@code data})
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
    int seqLen = Trainer.trainConfigOf(ckpt.metadata().train()).seqLen();
    List<Episode> episodes = new ArrayList<>(dataset.size());
    for (int i = 0; i < dataset.size(); i++) {
      episodes.add(dataset.episode(i));
    }
    try (SequenceGraph g = SequenceGraph.forEval(c, seqLen, ckpt.weights())) {
      return nllPerDim(g, episodes, request.batch());
    }
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
}
