package org.worldmodels.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.tf.TfRuntime;

/**
 * Times full training steps (forward, loss, backward, global-norm clipping, Adam) on random data at
 * the given shapes: the figure {@code ms_per_step} is the median over the timed steps, after
 * warm-up steps that absorb graph optimisation and allocation.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /** Runs the benchmark and returns its figures. */
  public static Map<String, Object> run(
      int batch,
      int seqLen,
      int hidden,
      int mixtures,
      int zSize,
      int actionSize,
      int steps,
      int warmup) {
    MdnRnnConfig c = MdnRnnConfig.withDefaults(zSize, actionSize, hidden, mixtures, true, true);
    SplittableRandom rng = new SplittableRandom(1);
    MdnRnnWeights w = MdnRnnWeights.initial(c, rng);
    SequenceGraph.Window win = randomWindow(c, batch, seqLen, rng);
    AdamConfig adam = AdamConfig.defaults(Clip.globalNorm(1.0));
    long t0 = System.nanoTime();
    double[] times = new double[steps];
    double firstMs;
    try (SequenceGraph g = SequenceGraph.forTraining(c, seqLen, w, adam, null)) {
      double buildMs = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      g.trainStep(win, adam.stepSize(1e-3, 1));
      firstMs = (System.nanoTime() - t1) / 1e6;
      for (int i = 0; i < warmup; i++) {
        g.trainStep(win, adam.stepSize(1e-3, i + 2));
      }
      for (int i = 0; i < steps; i++) {
        long s = System.nanoTime();
        g.trainStep(win, adam.stepSize(1e-3, warmup + i + 2));
        times[i] = (System.nanoTime() - s) / 1e6;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      double median = Timings.median(times);
      out.put("ms_per_step", median);
      out.put("p10_ms", Timings.quantile(times, 0.1));
      out.put("p90_ms", Timings.quantile(times, 0.9));
      out.put("build_ms", buildMs);
      out.put("first_step_ms", firstMs);
      double[] mem = Timings.residentMiB();
      out.put("rss_mib", mem[0]);
      out.put("peak_rss_mib", mem[1]);
      out.put("batch", batch);
      out.put("seq_len", seqLen);
      out.put("hidden", hidden);
      out.put("mixtures", mixtures);
      out.put("z_size", zSize);
      out.put("action_size", actionSize);
      out.put("steps", steps);
      out.put("threads", TfRuntime.threads());
      // Whether two ops at a time ran on one intra-op thread each (TfRuntime.session).
      out.put("sessions_own_threads", TfRuntime.sessionsOwnThreads());
      MachineInfo.current().putInto(out);
      out.put("gflop_per_step", flops(c, batch, seqLen) / 1e9);
      out.put("gflops", flops(c, batch, seqLen) / 1e9 / (median / 1e3));
      return out;
    }
  }

  /**
   * Floating-point operations of one training step, counting the matrix products only (2 per
   * multiply-add) and backward as twice forward: LSTM input and recurrent products, and the head.
   */
  public static double flops(MdnRnnConfig c, int batch, int seqLen) {
    double n = (double) batch * seqLen;
    double lstm = 2 * n * (c.inputSize() + c.hidden()) * 4.0 * c.hidden();
    double head = 2 * n * c.hidden() * (double) c.outputSize();
    return 3 * (lstm + head);
  }

  /**
   * A window of random data of the given shape: normal latents, actions, next latents and rewards,
   * terminations with probability 0.01, every step valid.
   */
  public static SequenceGraph.Window randomWindow(
      MdnRnnConfig c, int batch, int seqLen, SplittableRandom rng) {
    int cells = seqLen * batch;
    return new SequenceGraph.Window(
        batch,
        normal(rng, cells * c.zSize()),
        normal(rng, cells * c.actionSize()),
        normal(rng, cells * c.zSize()),
        normal(rng, cells),
        bernoulli(rng, cells, 0.01),
        ones(cells));
  }

  /** {@code n} standard normal floats. */
  public static float[] normal(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  private static float[] bernoulli(SplittableRandom rng, int n, double p) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble() < p ? 1 : 0;
    }
    return v;
  }

  private static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }
}
