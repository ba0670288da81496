package org.worldmodels.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.vision.VaeConfig;
import org.worldmodels.vision.VaeFlops;
import org.worldmodels.vision.VaeGraph;
import org.worldmodels.vision.VaeWeights;

/**
 * Times the ConvVAE on random frames: a full training step (forward, loss, backward, Adam) at batch
 * B, and encoding and decoding a batch of B, each the median over timed runs after warm-up runs;
 * figures per step and per image, with the FLOP count ({@link VaeFlops}) and the machine.
 */
public final class VaeBenchmark {
  private VaeBenchmark() {}

  /** Runs the benchmark and returns its figures. */
  public static Map<String, Object> run(VaeConfig c, int batch, int steps, int warmup) {
    SplittableRandom rng = new SplittableRandom(1);
    VaeWeights w = VaeWeights.initial(c, rng);
    byte[] frames = new byte[batch * c.frameValues()];
    rng.nextBytes(frames);
    float[] eps = new float[batch * c.zSize()];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = (float) rng.nextGaussian();
    }
    AdamConfig adam = AdamConfig.defaults(Clip.NONE);
    long t0 = System.nanoTime();
    try (VaeGraph g = VaeGraph.forTraining(c, w, adam, null)) {
      // build_ms is the training graph's, as in the other benchmarks; encoding and decoding are
      // timed on an inference graph, the one `vae encode` and the pixel environments run.
      double buildMs = (System.nanoTime() - t0) / 1e6;
      try (VaeGraph inference = VaeGraph.forInference(c, w)) {
        float[] z = inference.encode(frames).mu();
        int[] step = {0};
        // Each figure in its own loop, as the peer times them: a call right after a training step
        // would pay for the caches and threads the step left cold, which no encoding loop does.
        double[] train =
            timesMs(() -> g.trainStep(frames, eps, adam.stepSize(1e-4, ++step[0])), warmup, steps);
        double[] encode = perImageUs(timesMs(() -> inference.encode(frames), warmup, steps), batch);
        double[] decode = perImageUs(timesMs(() -> inference.decode(z), warmup, steps), batch);
        double ms = Timings.median(train);
        double flop = VaeFlops.trainStep(c, batch);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train_ms_per_step", ms);
        out.put("encode_us_per_image", Timings.median(encode));
        out.put("decode_us_per_image", Timings.median(decode));
        out.put("train_p10_ms", Timings.quantile(train, 0.1));
        out.put("train_p90_ms", Timings.quantile(train, 0.9));
        out.put("build_ms", buildMs);
        out.put("gflop_per_step", flop / 1e9);
        out.put("gflops", flop / 1e9 / (ms / 1e3));
        out.put("encode_mflop_per_image", VaeFlops.encoder(c) / 1e6);
        out.put("decode_mflop_per_image", VaeFlops.decoder(c) / 1e6);
        out.put("parameters", c.parameterCount());
        out.put("batch", batch);
        out.put("z_size", c.zSize());
        out.put("steps", steps);
        out.put("threads", TfRuntime.threads());
        double[] mem = Timings.residentMiB();
        out.put("rss_mib", mem[0]);
        out.put("peak_rss_mib", mem[1]);
        MachineInfo.current().putInto(out);
        return out;
      }
    }
  }

  /** Milliseconds of each of {@code steps} timed calls after {@code warmup} untimed ones. */
  private static double[] timesMs(Runnable call, int warmup, int steps) {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    double[] ms = new double[steps];
    for (int i = 0; i < steps; i++) {
      long s = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    return ms;
  }

  private static double[] perImageUs(double[] ms, int batch) {
    double[] us = new double[ms.length];
    for (int i = 0; i < ms.length; i++) {
      us[i] = ms[i] * 1e3 / batch;
    }
    return us;
  }
}
