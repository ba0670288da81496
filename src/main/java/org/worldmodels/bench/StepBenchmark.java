package org.worldmodels.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.tf.TfRuntime;

/**
 * Times dream steps (LSTM cell, head, sampling every latent's mixture, per row) with the sample fed
 * back: {@code us_per_sample_step} is the median step time divided by the batch size.
 *
 * <p>The untimed warm-up lasts at least {@link #MIN_WARMUP_SECONDS}, however few steps are asked
 * for: for the first second or so of a JVM the JIT compilers keep the second core busy, where
 * {@link org.worldmodels.rnn.cpu.TwoCoreCell} runs its helper, so a few hundred steps of the Java
 * cell (about 10 ms) measured the compiler rather than the dream.
 */
public final class StepBenchmark {
  /** The shortest untimed warm-up. */
  public static final double MIN_WARMUP_SECONDS = 2;

  private StepBenchmark() {}

  /** Runs the benchmark and returns its figures. */
  public static Map<String, Object> run(
      int batch,
      int hidden,
      int mixtures,
      int zSize,
      int actionSize,
      int steps,
      int warmup,
      double temperature,
      Backend backend) {
    MdnRnnConfig c = MdnRnnConfig.withDefaults(zSize, actionSize, hidden, mixtures, true, true);
    MdnRnnWeights w = MdnRnnWeights.initial(c, new SplittableRandom(1));
    double[] lo = new double[actionSize];
    double[] hi = new double[actionSize];
    java.util.Arrays.fill(lo, -1);
    java.util.Arrays.fill(hi, 1);
    DataSpec spec = new DataSpec(zSize, new ActionSpec.Box(lo, hi), null, "benchmark");
    DreamOptions o =
        DreamOptions.builder()
            .batchSize(batch)
            .temperature(temperature)
            .seed(1)
            .backend(backend)
            .build();
    SplittableRandom rng = new SplittableRandom(2);
    float[][] z = new float[batch][zSize];
    float[][] a = new float[batch][actionSize];
    for (int r = 0; r < batch; r++) {
      for (int i = 0; i < actionSize; i++) {
        a[r][i] = (float) (2 * rng.nextDouble() - 1);
      }
    }
    double[] times = new double[steps];
    try (WorldModel m = WorldModel.of(c, w, spec);
        DreamEnv env = m.dreamEnv(o)) {
      env.reset(z);
      long warmUntil = System.nanoTime() + (long) (MIN_WARMUP_SECONDS * 1e9);
      for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
        DreamStep s = env.step(z, a);
        z = s.z();
      }
      for (int i = 0; i < steps; i++) {
        long t = System.nanoTime();
        DreamStep s = env.step(z, a);
        times[i] = (System.nanoTime() - t) / 1e3;
        z = s.z();
      }
    }
    double median = Timings.median(times);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("us_per_sample_step", median / batch);
    out.put("us_per_step", median);
    out.put("batch", batch);
    out.put("backend", o.usesTensorFlow() ? "tensorflow" : "java");
    out.put("hidden", hidden);
    out.put("mixtures", mixtures);
    out.put("z_size", zSize);
    out.put("action_size", actionSize);
    out.put("steps", steps);
    out.put("temperature", temperature);
    out.put("threads", TfRuntime.threads());
    MachineInfo.current().putInto(out);
    return out;
  }
}
