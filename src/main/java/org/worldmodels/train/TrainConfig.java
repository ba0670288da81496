package org.worldmodels.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * @param clip by global norm (the default), by value (World Models) or none; in JSON and flags
 *     {@code norm}, {@code value}, {@code none}
 * @param clipThreshold the norm or value bound
 * @param seed seed of initial weights, data split and batch order
 * @param checkpointEvery steps between checkpoints
 * @param validationFraction share of episodes held out for validation
 * @param burnIn up to this many transitions before each training window are fed through the LSTM
 *     unscored, so the window's first prediction has context (0, the default: every window starts
 *     from a zero state); the graph is unrolled over {@code seqLen + burnIn} steps. See {@link
 *     org.worldmodels.data.BatchPlan}
 */
public record TrainConfig(
    int seqLen,
    int batch,
    int steps,
    double learningRate,
    double lrDecay,
    Clip.Kind clip,
    double clipThreshold,
    long seed,
    int checkpointEvery,
    double validationFraction,
    int burnIn) {
  public static final int SEQ_LEN_DEFAULT = 100;
  public static final int BATCH_DEFAULT = 100;
  public static final int STEPS_DEFAULT = 4000;
  public static final double LEARNING_RATE_DEFAULT = 1e-3;
  public static final double LR_DECAY_DEFAULT = 1.0;
  public static final Clip.Kind CLIP_KIND_DEFAULT = Clip.Kind.GLOBAL_NORM;

  /** The default clipping threshold. */
  public static final double CLIP_DEFAULT = 1.0;

  /** The components a resumed run may change; every other one must match the checkpoint's. */
  public static final Set<String> RESUMABLE_CHANGES = Set.of("steps", "checkpointEvery");

  public static final int CHECKPOINT_EVERY_DEFAULT = 500;
  public static final double VALIDATION_FRACTION_DEFAULT = 0.1;
  public static final int BURN_IN_DEFAULT = 0;

  public TrainConfig {
    Check.inRange("seq_len", seqLen, 1, 10_000);
    Check.inRange("batch", batch, 1, 1_000_000);
    Check.inRange("steps", steps, 0, 1_000_000_000);
    Check.positiveFinite("lr", learningRate);
    Check.inRange("lr_decay", lrDecay, Double.MIN_VALUE, 1);
    Check.argument(clip != null, "clip must be given");
    Clip.of(clip, clipThreshold);
    Check.inRange("checkpoint_every", checkpointEvery, 1, Integer.MAX_VALUE);
    Check.inRange("validation_fraction", validationFraction, 0, 0.9);
    Check.inRange("burn_in", burnIn, 0, 10_000);
  }

  /** Settings without burn-in. */
  public TrainConfig(
      int seqLen,
      int batch,
      int steps,
      double learningRate,
      double lrDecay,
      Clip.Kind clip,
      double clipThreshold,
      long seed,
      int checkpointEvery,
      double validationFraction) {
    this(
        seqLen,
        batch,
        steps,
        learningRate,
        lrDecay,
        clip,
        clipThreshold,
        seed,
        checkpointEvery,
        validationFraction,
        BURN_IN_DEFAULT);
  }

  /** The defaults. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        SEQ_LEN_DEFAULT,
        BATCH_DEFAULT,
        STEPS_DEFAULT,
        LEARNING_RATE_DEFAULT,
        LR_DECAY_DEFAULT,
        CLIP_KIND_DEFAULT,
        CLIP_DEFAULT,
        0,
        CHECKPOINT_EVERY_DEFAULT,
        VALIDATION_FRACTION_DEFAULT,
        BURN_IN_DEFAULT);
  }

  /** The learning rate at 0-based {@code step}. */
  public double learningRateAt(long step) {
    return new org.worldmodels.tf.StepSchedule(learningRate, lrDecay, new double[] {0.5, 0.75})
        .at(step, steps);
  }

  /** Adam with this clipping. */
  @JsonIgnore
  public AdamConfig adam() {
    return AdamConfig.defaults(Clip.of(clip, clipThreshold));
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
        validationFraction,
        burnIn);
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
        validationFraction,
        burnIn);
  }

  public TrainConfig withBurnIn(int n) {
    return new TrainConfig(
        seqLen,
        batch,
        steps,
        learningRate,
        lrDecay,
        clip,
        clipThreshold,
        seed,
        checkpointEvery,
        validationFraction,
        n);
  }

  /** Steps the training graph is unrolled over: a window and its burn-in. */
  @JsonIgnore
  public int unrolledLength() {
    return seqLen + burnIn;
  }

  /**
   * Why {@code o} is not the same run as this one, or empty if it is: every component is compared
   * except {@link #RESUMABLE_CHANGES}, read by reflection so that a component added later is
   * compared without being listed here.
   *
   * @return e.g. {@code lr_decay is 0.5 in the checkpoint, 1.0 now}, naming each differing key as a
   *     config file spells it
   */
  public Optional<String> differenceFrom(TrainConfig o) {
    List<String> diffs = new ArrayList<>();
    for (RecordComponent c : TrainConfig.class.getRecordComponents()) {
      if (RESUMABLE_CHANGES.contains(c.getName())) {
        continue;
      }
      Object mine = value(c, this);
      Object theirs = value(c, o);
      // Boxed doubles compare by bits (equals), as Double.compare did: -0.0 differs from 0.0.
      if (!Objects.equals(mine, theirs)) {
        diffs.add(keyOf(c.getName()) + " is " + mine + " in the checkpoint, " + theirs + " now");
      }
    }
    return diffs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", diffs));
  }

  /** Whether {@code o} differs from this at most in {@link #RESUMABLE_CHANGES}. */
  public boolean sameRunAs(TrainConfig o) {
    return differenceFrom(o).isEmpty();
  }

  private static Object value(RecordComponent c, TrainConfig config) {
    try {
      return c.getAccessor().invoke(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read TrainConfig." + c.getName(), e);
    }
  }

  /** A component's key in config files and messages: {@code lr} and snake case. */
  static String keyOf(String component) {
    if (component.equals("learningRate")) {
      return "lr";
    }
    return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
