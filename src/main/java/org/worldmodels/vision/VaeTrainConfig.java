package org.worldmodels.vision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Check;

/**
 * How the ConvVAE is trained. World Models used Adam at lr 1e-4, batch 100 and 10 epochs over 10
 * million frames; the recipes here have thousands of frames, so the defaults take more, larger
 * steps per epoch: lr 1e-3 and batch 32 (on disc frames, batch 32 learnt the disc within 10 epochs
 * where batch 100 still drew the mean frame; docs/vision.md has the measurements).
 *
 * @param epochs total passes over the training frames (also under resume)
 * @param batch frames per step; the frames of an epoch that do not fill a last batch wait for the
 *     next epoch's shuffle
 * @param learningRate Adam's learning rate
 * @param clip gradient clipping ({@code none}, {@code norm}, {@code value})
 * @param clipThreshold its bound (ignored for none)
 * @param seed seed of initial weights, the validation split, the shuffles and the noise
 * @param validationFraction share of episodes held out for validation
 */
public record VaeTrainConfig(
    int epochs,
    int batch,
    double learningRate,
    Clip.Kind clip,
    double clipThreshold,
    long seed,
    double validationFraction) {
  public static final int EPOCHS_DEFAULT = 10;
  public static final int BATCH_DEFAULT = 32;
  public static final double LEARNING_RATE_DEFAULT = 1e-3;
  public static final Clip.Kind CLIP_DEFAULT = Clip.Kind.NONE;
  public static final double CLIP_THRESHOLD_DEFAULT = 1.0;
  public static final double VALIDATION_FRACTION_DEFAULT = 0.1;

  public VaeTrainConfig {
    Check.inRange("epochs", epochs, 0, 1_000_000);
    Check.inRange("batch", batch, 1, 100_000);
    Check.positiveFinite("lr", learningRate);
    Check.argument(clip != null, "clip must be norm, value or none");
    Clip.of(clip, clipThreshold);
    Check.inRange("validation_fraction", validationFraction, 0, 0.9);
  }

  /** The defaults at {@code seed}. */
  public static VaeTrainConfig defaults(long seed) {
    return new VaeTrainConfig(
        EPOCHS_DEFAULT,
        BATCH_DEFAULT,
        LEARNING_RATE_DEFAULT,
        CLIP_DEFAULT,
        CLIP_THRESHOLD_DEFAULT,
        seed,
        VALIDATION_FRACTION_DEFAULT);
  }

  /** The same with {@code e} epochs. */
  public VaeTrainConfig withEpochs(int e) {
    return new VaeTrainConfig(
        e, batch, learningRate, clip, clipThreshold, seed, validationFraction);
  }

  /** The same with batch {@code b}. */
  public VaeTrainConfig withBatch(int b) {
    return new VaeTrainConfig(
        epochs, b, learningRate, clip, clipThreshold, seed, validationFraction);
  }

  /** The same with learning rate {@code lr}. */
  public VaeTrainConfig withLearningRate(double lr) {
    return new VaeTrainConfig(epochs, batch, lr, clip, clipThreshold, seed, validationFraction);
  }

  /** The optimizer's settings. */
  public AdamConfig adam() {
    return AdamConfig.defaults(Clip.of(clip, clipThreshold));
  }

  /**
   * What differs from {@code o} other than the number of epochs (the one setting a resumed run may
   * change), or empty.
   */
  public Optional<String> differenceFrom(VaeTrainConfig o) {
    List<String> d = new ArrayList<>();
    if (batch != o.batch) {
      d.add("batch is " + batch + " in the checkpoint, " + o.batch + " now");
    }
    if (Double.compare(learningRate, o.learningRate) != 0) {
      d.add("lr is " + learningRate + " in the checkpoint, " + o.learningRate + " now");
    }
    if (clip != o.clip || Double.compare(clipThreshold, o.clipThreshold) != 0) {
      d.add(
          "clip is "
              + clip
              + " "
              + clipThreshold
              + " in the checkpoint, "
              + o.clip
              + " "
              + o.clipThreshold
              + " now");
    }
    if (seed != o.seed) {
      d.add("seed is " + seed + " in the checkpoint, " + o.seed + " now");
    }
    if (Double.compare(validationFraction, o.validationFraction) != 0) {
      d.add(
          "validation_fraction is "
              + validationFraction
              + " in the checkpoint, "
              + o.validationFraction
              + " now");
    }
    return d.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", d));
  }
}
