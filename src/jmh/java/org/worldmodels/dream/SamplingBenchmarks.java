package org.worldmodels.dream;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.ScaleActivation;

/**
 * A dream's sampling of one row's latent at World Models' shapes (32 dimensions, 5 Gaussian
 * components, temperature 1): what a dream step costs per row beyond the network. Head outputs are
 * drawn like those of an untrained network (logits, means and raw scales of order 1).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SamplingBenchmarks {
  static final int DIMS = 32;
  static final int K = 5;
  static final int ROWS = 64;

  private LatentSampler sampler;
  private float[] y;
  private float[] z;
  private LatentSampler.Scratch scratch;
  private RowRandom rng;
  private int row;

  @Setup(Level.Trial)
  public void setUp() {
    sampler =
        new LatentSampler(
            DIMS,
            K,
            ComponentFamily.parse("gaussian"),
            ScaleActivation.EXP,
            DreamOptions.builder().build());
    SplittableRandom r = new SplittableRandom(1);
    y = new float[ROWS * DIMS * 3 * K];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    z = new float[DIMS];
    scratch = sampler.newScratch();
    rng = RowRandom.of(1, 1);
  }

  /** One row's latent; successive calls cycle over 64 rows of head output. */
  @Benchmark
  public float sampleLatentRow() {
    row = (row + 1) % ROWS;
    sampler.sample(y, row * DIMS * 3 * K, rng, z, scratch);
    return z[0];
  }
}
