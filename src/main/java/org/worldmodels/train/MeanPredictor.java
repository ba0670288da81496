package org.worldmodels.train;

import org.worldmodels.rnn.MdnRnnCell;

/**
 * A world model reduced to what the open-loop error ({@link OpenLoop}) needs: rows that are fed
 * {@code (z[t], a[t])} one step at a time and predict the mean of {@code z[t+1]}, and whose state
 * can be copied (a snapshot to continue from). {@link #of(MdnRnnCell)} adapts the MDN-RNN; tests
 * plug in predictors with a known answer.
 */
public interface MeanPredictor {
  /** Latent size {@code Z}. */
  int zSize();

  /** A row at the start of an episode (for the MDN-RNN: zero LSTM state). */
  Row start();

  /** One row's state. Not thread-safe; copies are independent of each other. */
  interface Row {
    /**
     * Feeds {@code z} {@code [Z]} and {@code a} {@code [A]}, advancing the state, and writes the
     * mean of the predicted next latent into {@code mean} {@code [Z]}.
     */
    void step(float[] z, float[] a, float[] mean);

    /** An independent copy of this row's state. */
    Row copy();
  }

  /**
   * The MDN-RNN on the plain-Java cell: a row steps as a dream row does ({@link MdnRnnCell#step}),
   * and its mean is that of the untempered mixture of each dimension, {@code sum_k pi_k E_k}, from
   * the model's own head ({@link org.worldmodels.rnn.MdnRnnConfig#head()}).
   */
  static MeanPredictor of(MdnRnnCell cell) {
    return new CellMeans(cell);
  }
}
