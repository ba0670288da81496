package org.worldmodels.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Check;

/**
 * How an MDN-RNN is trained. Defaults follow World Models' CarRacing M where it has one (learning
 * rate 1e-3, 4000 steps); windows of 100 steps rather than its 1000 keep memory and step time down.
 *
 * @param seqLen window length {@code T}
 * @param batch windows per step {@code B}
 * @param steps total optimizer updates (also under resume)
 * @param learningRate Adam's learning rate
 * @param lrDecay the learning rate is multiplied by this at 50% and at 75% of {@code steps} (1: a
 *     constant rate, the default, as in World Models). The boundaries move with {@code steps}, so
 *     resuming with another {@code --steps} changes the schedule from then on
 * @param clip {@code norm} (global norm, the default), {@code value} (World Models) or {@code none}
 * @param clipThreshold the norm or value bound
 * @param seed seed of initial weights, data split and batch order
 * @param checkpointEvery steps between checkpoints
 * @param validationFraction share of episodes held out for validation
 */
public record TrainConfig(
    int seqLen,
    int batch,
    int steps,
    double learningRate,
    double lrDecay,
    String clip,
    double clipThreshold,
    long seed,
    int checkpointEvery,
    double validationFraction) {
  public static final int SEQ_LEN_DEFAULT = 100;
  public static final int BATCH_DEFAULT = 100;
  public static final int STEPS_DEFAULT = 4000;
  public static final double LEARNING_RATE_DEFAULT = 1e-3;
  public static final double CLIP_DEFAULT = 1.0;
  public static final int CHECKPOINT_EVERY_DEFAULT = 500;
  public static final double VALIDATION_FRACTION_DEFAULT = 0.1;

  public TrainConfig {
    Check.inRange("seq_len", seqLen, 1, 10_000);
    Check.inRange("batch", batch, 1, 1_000_000);
    Check.inRange("steps", steps, 0, 1_000_000_000);
    Check.positiveFinite("lr", learningRate);
    Check.inRange("lr_decay", lrDecay, Double.MIN_VALUE, 1);
    Clip.parse(clip, clipThreshold);
    Check.inRange("checkpoint_every", checkpointEvery, 1, Integer.MAX_VALUE);
    Check.inRange("validation_fraction", validationFraction, 0, 0.9);
  }

  /** The defaults. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        SEQ_LEN_DEFAULT,
        BATCH_DEFAULT,
        STEPS_DEFAULT,
        LEARNING_RATE_DEFAULT,
        1.0,
        "norm",
        CLIP_DEFAULT,
        0,
        CHECKPOINT_EVERY_DEFAULT,
        VALIDATION_FRACTION_DEFAULT);
  }

  /** The learning rate at 0-based {@code step}. */
  public double learningRateAt(long step) {
    return new org.worldmodels.tf.StepSchedule(learningRate, lrDecay, new double[] {0.5, 0.75})
        .at(step, steps);
  }

  /** Adam with this clipping. */
  @JsonIgnore
  public AdamConfig adam() {
    return AdamConfig.defaults(Clip.parse(clip, clipThreshold));
  }

  public TrainConfig withSteps(int n) {
    return new TrainConfig(
        seqLen,
        batch,
        n,
        learningRate,
        lrDecay,
        clip,
        clipThreshold,
        seed,
        checkpointEvery,
        validationFraction);
  }

  public TrainConfig withCheckpointEvery(int n) {
    return new TrainConfig(
        seqLen,
        batch,
        steps,
        learningRate,
        lrDecay,
        clip,
        clipThreshold,
        seed,
        n,
        validationFraction);
  }

  /**
   * The same settings apart from those a resumed run may change ({@code steps}, {@code
   * checkpointEvery}).
   */
  public boolean sameRunAs(TrainConfig o) {
    return seqLen == o.seqLen
        && batch == o.batch
        && Double.compare(learningRate, o.learningRate) == 0
        && Double.compare(lrDecay, o.lrDecay) == 0
        && clip.equals(o.clip)
        && Double.compare(clipThreshold, o.clipThreshold) == 0
        && seed == o.seed
        && Double.compare(validationFraction, o.validationFraction) == 0;
  }
}
