package org.worldmodels.soak;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.worldmodels.WorldModel;
import org.worldmodels.bench.TrainBenchmark;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;

/**
 * Long runs of the two loops that hold native memory, sampling resident memory as they go: the
 * training step ({@link SequenceGraph#trainStep} on random data, as {@code bench train} does) and
 * the dream step ({@link WorldModel#dreamEnv}, samples fed back, finished rows restarted). The soak
 * test runs them at full size; a unit test runs them briefly.
 */
final class SoakRuns {
  private SoakRuns() {}

  /** A model with reward and done heads. */
  static MdnRnnConfig config(int zSize, int actionSize, int hidden, int mixtures) {
    return MdnRnnConfig.withDefaults(zSize, actionSize, hidden, mixtures, true, true);
  }

  /**
   * {@code steps} training steps at batch {@code batch} x {@code seqLen}, cycling through four
   * random windows; every {@code every} steps the weights and optimizer moments are read back (as a
   * checkpoint does) and RSS is sampled.
   */
  static MemoryTrend training(
      MdnRnnConfig c, int batch, int seqLen, int steps, int every, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MdnRnnWeights w = MdnRnnWeights.initial(c, rng);
    SequenceGraph.Window[] windows = new SequenceGraph.Window[4];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = TrainBenchmark.randomWindow(c, batch, seqLen, rng);
    }
    AdamConfig adam = AdamConfig.defaults(Clip.globalNorm(1.0));
    MemoryTrend trend = new MemoryTrend();
    try (SequenceGraph g = SequenceGraph.forTraining(c, seqLen, w, adam, null)) {
      for (int step = 1; step <= steps; step++) {
        g.trainStep(windows[step % windows.length], adam.stepSize(1e-3, step));
        if (step % every == 0) {
          g.weights();
          g.optimizerSlots();
          trend.sample(step);
        }
      }
    }
    return trend;
  }

  /**
   * {@code steps} dream steps of {@code batch} rows on {@code backend}, uniform random actions in
   * [-1, 1], rows that end restarted from fresh latents; RSS sampled every {@code every} steps.
   */
  static MemoryTrend dreaming(
      MdnRnnConfig c, Backend backend, int batch, int steps, int every, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MdnRnnWeights w = MdnRnnWeights.initial(c, rng);
    double[] lo = new double[c.actionSize()];
    double[] hi = new double[c.actionSize()];
    Arrays.fill(lo, -1);
    Arrays.fill(hi, 1);
    DataSpec spec = new DataSpec(c.zSize(), new ActionSpec.Box(lo, hi), null, "soak");
    DreamOptions o =
        DreamOptions.builder()
            .batchSize(batch)
            .temperature(1.0)
            .seed(seed)
            .backend(backend)
            .build();
    MemoryTrend trend = new MemoryTrend();
    try (WorldModel m = WorldModel.of(c, w, spec);
        DreamEnv env = m.dreamEnv(o)) {
      float[][] z = new float[batch][];
      for (int r = 0; r < batch; r++) {
        z[r] = TrainBenchmark.normal(rng, c.zSize());
      }
      env.reset(z);
      float[][] a = new float[batch][c.actionSize()];
      for (int step = 1; step <= steps; step++) {
        for (float[] row : a) {
          for (int i = 0; i < row.length; i++) {
            row[i] = (float) (2 * rng.nextDouble() - 1);
          }
        }
        DreamStep s = env.step(z, a);
        z = s.z();
        for (int r = 0; r < batch; r++) {
          if (s.done()[r]) {
            float[] fresh = TrainBenchmark.normal(rng, c.zSize());
            env.reset(new int[] {r}, new float[][] {fresh});
            z[r] = fresh;
          }
        }
        if (step % every == 0) {
          trend.sample(step);
        }
      }
    }
    return trend;
  }
}
