package org.worldmodels.dream;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.StepGraph;

/** Opens dreams; the entry point from {@link org.worldmodels.WorldModel}. */
public final class DreamEnvs {
  private DreamEnvs() {}

  /**
   * A dream over {@code cell}'s weights; {@code graph} supplies the shared TensorFlow step graph
   * when the options ask for it.
   */
  public static DreamEnv open(
      MdnRnnConfig config, MdnRnnCell cell, Supplier<StepGraph> graph, DreamOptions options) {
    return open(config, cell, graph, options, () -> true);
  }

  /**
   * As {@link #open(MdnRnnConfig, MdnRnnCell, Supplier, DreamOptions)}, for a dream that refuses
   * every call once {@code ownerOpen} turns false (its model was closed).
   */
  public static DreamEnv open(
      MdnRnnConfig config,
      MdnRnnCell cell,
      Supplier<StepGraph> graph,
      DreamOptions options,
      BooleanSupplier ownerOpen) {
    return new BatchedDream(config, cell, graph, options, ownerOpen);
  }
}
