package org.worldmodels.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.TfRuntime;

/**
 * Times one TensorFlow {@code MatMul} of a fed {@code [m, k]} tensor and a {@code [k, n]} constant,
 * float32, in this JVM's session configuration: the machine's product throughput, against which the
 * other benchmarks' GFLOP/s are a share of the peak ({@code gflops} = 2 m k n / median time). The
 * left side is fed (the same tensor each time), as the dream feeds its inputs: with two constants
 * TensorFlow's graph optimiser folds the product once and every later run returns the folded value.
 * The product's output is summed to a scalar in the same run, so no copy out of TensorFlow is
 * timed; the sum is m n additions, under 1 / k of the product's work.
 */
public final class MatMulBenchmark {
  private MatMulBenchmark() {}

  /** Runs the benchmark and returns its figures. */
  public static Map<String, Object> run(int m, int k, int n, int steps, int warmup) {
    SplittableRandom rng = new SplittableRandom(1);
    double[] times = new double[steps];
    try (Graph g = new Graph();
        Session s = TfRuntime.session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class);
      Constant<TFloat32> b = tf.constant(random(k, n, rng));
      ReduceSum<TFloat32> total =
          tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      try (TFloat32 left = TFloat32.tensorOf(StdArrays.ndCopyOf(random(m, k, rng)))) {
        for (int i = 0; i < warmup; i++) {
          s.runner().feed(a, left).fetch(total).run().close();
        }
        for (int i = 0; i < steps; i++) {
          long t = System.nanoTime();
          s.runner().feed(a, left).fetch(total).run().close();
          times[i] = (System.nanoTime() - t) / 1e6;
        }
      }
    }
    double median = Timings.median(times);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ms_per_product", median);
    out.put("gflops", 2.0 * m * k * n / (median * 1e6));
    out.put("m", m);
    out.put("k", k);
    out.put("n", n);
    out.put("steps", steps);
    out.put("threads", TfRuntime.threads());
    MachineInfo.current().putInto(out);
    return out;
  }

  private static float[][] random(int rows, int cols, SplittableRandom rng) {
    float[][] x = new float[rows][cols];
    for (float[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (2 * rng.nextDouble() - 1);
      }
    }
    return x;
  }
}
