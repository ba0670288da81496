package org.worldmodels.dream;

import org.worldmodels.data.LatentRange;
import org.worldmodels.mdn.Temperature;
import org.worldmodels.util.Check;

/**
 * How a dream samples. Build with {@link #builder()}; {@link Builder#build()} validates.
 *
 * <pre>{@code
 * DreamOptions o = DreamOptions.builder().batchSize(64).temperature(1.15).seed(7).build();
 * }</pre>
 *
 * @param batchSize rows {@code B}
 * @param temperature weight and scale temperatures of the latent mixture
 * @param mostProbable use each step's most probable point (the mixture's mode) instead of a sample
 * @param doneMode sample done, or compare its probability with {@code doneThreshold}
 * @param doneThreshold probability above which done is true, for {@link DoneMode#THRESHOLD}
 * @param sigmaFloor lower bound on every component scale (0: none); keeps densities finite for
 *     extreme inputs
 * @param seed seed of the row streams: row {@code r} draws from {@code RowRandom.of(seed, r)}
 * @param backend which implementation runs the network
 * @param haltOutside end a row's episode (done) when its sampled latent leaves this range; null:
 *     never. With the model's {@link org.worldmodels.WorldModel#latentRange()} this is a
 *     pessimistic dream: beyond its training data the model's predictions, done included, mean
 *     nothing, and a controller trained in the dream would otherwise learn to go there (the "halt"
 *     state of MOReL, Kidambi et al. 2020). Suits tasks where ending early is bad (survival); with
 *     negative rewards ending early would be a reward instead.
 */
public record DreamOptions(
    int batchSize,
    Temperature temperature,
    boolean mostProbable,
    DoneMode doneMode,
    double doneThreshold,
    double sigmaFloor,
    long seed,
    Backend backend,
    LatentRange haltOutside) {

  /**
   * Batch size from which {@link Backend#AUTO} uses TensorFlow: below it, the fixed cost of a
   * {@code Session.run} (about 150 us) outweighs TensorFlow's faster matrix products. Measured
   * (docs/performance.md): at 8 rows Java 21-31 us a row on two cores, TensorFlow 28-31; at 12,
   * 20-21 against 25; at 16 TensorFlow wins, 20 against 26-30.
   */
  public static final int TENSORFLOW_FROM_BATCH = 16;

  public DreamOptions {
    Check.inRange("batch size", batchSize, 1, 1 << 24);
    Check.argument(temperature != null, "temperature is required");
    Check.argument(doneMode != null, "done mode is required");
    Check.inRange("done threshold", doneThreshold, 0, 1);
    Check.nonNegativeFinite("sigma floor", sigmaFloor);
    Check.argument(backend != null, "backend is required");
  }

  /** Whether rows run on TensorFlow. */
  public boolean usesTensorFlow() {
    return backend == Backend.TENSORFLOW
        || (backend == Backend.AUTO && batchSize >= TENSORFLOW_FROM_BATCH);
  }

  /** A builder with the defaults: B = 1, temperature 1, sampled done, seed 0, automatic backend. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.batchSize = batchSize;
    b.weightTemperature = temperature.weight();
    b.scaleTemperature = temperature.scale();
    b.mostProbable = mostProbable;
    b.doneMode = doneMode;
    b.doneThreshold = doneThreshold;
    b.sigmaFloor = sigmaFloor;
    b.seed = seed;
    b.backend = backend;
    b.haltOutside = haltOutside;
    return b;
  }

  /** Collects options; {@link #build()} checks them. */
  public static final class Builder {
    private int batchSize = 1;
    private double weightTemperature = 1;
    private double scaleTemperature = 1;
    private boolean mostProbable;
    private DoneMode doneMode = DoneMode.SAMPLE;
    private double doneThreshold = 0.5;
    private double sigmaFloor;
    private long seed;
    private Backend backend = Backend.AUTO;
    private LatentRange haltOutside;

    private Builder() {}

    public Builder batchSize(int b) {
      batchSize = b;
      return this;
    }

    /** Sets both temperatures. */
    public Builder temperature(double tau) {
      weightTemperature = tau;
      scaleTemperature = tau;
      return this;
    }

    /** The temperature of the mixture weights alone. */
    public Builder weightTemperature(double tau) {
      weightTemperature = tau;
      return this;
    }

    /** The temperature of the component scales alone. */
    public Builder scaleTemperature(double tau) {
      scaleTemperature = tau;
      return this;
    }

    public Builder mostProbable(boolean on) {
      mostProbable = on;
      return this;
    }

    /** Done when its probability exceeds {@code p} (no sampling). */
    public Builder doneThreshold(double p) {
      doneMode = DoneMode.THRESHOLD;
      doneThreshold = p;
      return this;
    }

    /** Done drawn from its probability (the default). */
    public Builder sampledDone() {
      doneMode = DoneMode.SAMPLE;
      return this;
    }

    public Builder sigmaFloor(double s) {
      sigmaFloor = s;
      return this;
    }

    public Builder seed(long s) {
      seed = s;
      return this;
    }

    public Builder backend(Backend b) {
      backend = b;
      return this;
    }

    /** Ends a row's episode when its sampled latent leaves {@code range} (null: never). */
    public Builder haltOutside(LatentRange range) {
      haltOutside = range;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public DreamOptions build() {
      return new DreamOptions(
          batchSize,
          new Temperature(weightTemperature, scaleTemperature),
          mostProbable,
          doneMode,
          doneThreshold,
          sigmaFloor,
          seed,
          backend,
          haltOutside);
    }
  }
}
