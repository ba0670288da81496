package org.worldmodels.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.data.Batch;
import org.worldmodels.data.BatchPlan;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.LatentRange;
import org.worldmodels.data.Split;
import org.worldmodels.report.TrainingPlots;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.LatentBounds;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;
import org.worldmodels.util.Seeds;

/**
 * Trains an MDN-RNN on recorded episodes and keeps a model directory: checkpoints every {@code
 * checkpointEvery} steps and at the end, {@code metrics.csv} and {@code loss.png}.
 *
 * <p>Everything random is a function of the seed: initial weights, the train/validation split and
 * each step's batch ({@link BatchPlan#batchAt}). Together with the optimizer state in each
 * checkpoint this makes a resumed run continue bit for bit as if it had never stopped.
 */
public final class Trainer {
  /** Key of the initial-weight stream under the run's seed. */
  static final long INIT_STREAM = 0x1417;

  /** Validation happens at epoch ends, at most once in this many steps. */
  public static final int VALIDATE_EVERY = 50;

  private Trainer() {}

  /** What to do when a step's loss or gradient is not finite. */
  public enum OnNonFinite {
    /** Stop with an error; the model directory keeps its last checkpoint (the default). */
    STOP,
    /** Leave the weights unchanged for that batch and go on. */
    SKIP
  }

  /**
   * The run's outcome.
   *
   * @param trainNllPerDim {@code nll_per_dim} on the training episodes at the final weights
   * @param valNllPerDim the same on the validation episodes (NaN without any)
   * @param steps total updates done
   * @param skipped steps skipped for non-finite values
   */
  public record Result(double trainNllPerDim, double valNllPerDim, long steps, long skipped) {}

  /**
   * Trains (or, with {@code resume}, continues training) into {@code modelDir}.
   *
   * @throws IllegalArgumentException when resuming with settings that differ from the checkpoint's
   * @throws NonFiniteLossException when a step is not finite and {@code onNonFinite} is STOP
   */
  public static Result train(
      Dataset data,
      MdnRnnConfig model,
      TrainConfig train,
      Path modelDir,
      boolean resume,
      OnNonFinite onNonFinite,
      Progress progress)
      throws IOException {
    return trainFrom(null, data, model, train, modelDir, resume, onNonFinite, progress);
  }

  /**
   * As {@link #train}, starting from {@code initial} instead of random weights when it is not null
   * (a warm start, as from the previous round's model; Adam's moments start at zero). With {@code
   * resume} and a checkpoint in {@code modelDir}, the checkpoint wins.
   *
   * @throws IllegalArgumentException if {@code initial} does not fit {@code model}
   */
  public static Result trainFrom(
      MdnRnnWeights initial,
      Dataset data,
      MdnRnnConfig model,
      TrainConfig train,
      Path modelDir,
      boolean resume,
      OnNonFinite onNonFinite,
      Progress progress)
      throws IOException {
    if (initial != null) {
      initial.checked(model, "initial weights");
    }
    Split split = Split.of(data.size(), train.validationFraction(), train.seed());
    List<Episode> trainEpisodes = episodes(data, split.train());
    List<Episode> valEpisodes = episodes(data, split.validation());
    LatentRange range = LatentRange.of(trainEpisodes);
    LatentBounds latentRange = new LatentBounds(range.min(), range.max());
    BatchPlan plan =
        new BatchPlan(
            data, split.train(), train.seqLen(), train.burnIn(), train.batch(), train.seed());
    AdamConfig adam = train.adam();

    long start = 0;
    MdnRnnWeights weights;
    Map<String, float[]> slots = null;
    double secondsBefore = 0;
    if (resume && Checkpoints.exists(modelDir)) {
      Checkpoint ckpt = Checkpoints.load(modelDir, true);
      checkSameRun(modelDir, ckpt.metadata(), model, train, data);
      weights = ckpt.weights();
      slots = ckpt.optimizer();
      start = ckpt.metadata().step();
      secondsBefore = ckpt.metadata().seconds();
    } else if (initial != null) {
      weights = initial;
    } else {
      weights = MdnRnnWeights.initial(model, Seeds.stream(train.seed(), INIT_STREAM));
    }
    Files.createDirectories(modelDir);
    Checkpoints.removeLeftovers(modelDir);
    MetricsLog metrics = MetricsLog.open(modelDir, start);
    long t0 = System.nanoTime();
    long skipped = 0;
    try (SequenceGraph g =
        SequenceGraph.forTraining(model, train.unrolledLength(), weights, adam, slots)) {
      progress.start("train", train.steps());
      progress.update(start, "");
      String kept = start > 0 ? Checkpoints.name(start) : "no checkpoint";
      for (long step = start; step < train.steps(); step++) {
        Batch b = plan.batchAt(step);
        double lr = train.learningRateAt(step);
        SequenceGraph.StepFigures f = g.trainStep(window(b), adam.stepSize(lr, step + 1));
        if (!f.applied()) {
          if (onNonFinite == OnNonFinite.STOP) {
            metrics.write();
            throw new NonFiniteLossException(step + 1, f.loss(), f.gradNorm(), kept);
          }
          skipped++;
        }
        long done = step + 1;
        metrics.add(
            new MetricsLog.Row(
                done, f.mixtureNll(), Double.NaN, f.rewardLoss(), f.doneLoss(), f.gradNorm(), lr));
        if (!valEpisodes.isEmpty() && validatesAt(plan, done)) {
          metrics.setLastValidation(Evaluator.nllPerDim(g, valEpisodes, train.batch()).nllPerDim());
        }
        progress.update(done, String.format("nll %.3f", f.mixtureNll()));
        if (done % train.checkpointEvery() == 0 && done < train.steps()) {
          double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
          // Metrics first: a kill between the two leaves rows beyond the latest checkpoint, which
          // a resumed run drops; the other order could lose the rows up to it.
          metrics.write();
          save(
              modelDir,
              g,
              model,
              train,
              data,
              latentRange,
              done,
              Map.of("train_batch_nll", f.mixtureNll()),
              seconds);
          kept = Checkpoints.name(done);
        }
      }
      progress.finish();
      double trainNll = Evaluator.nllPerDim(g, trainEpisodes, train.batch()).nllPerDim();
      double valNll =
          valEpisodes.isEmpty()
              ? Double.NaN
              : Evaluator.nllPerDim(g, valEpisodes, train.batch()).nllPerDim();
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("train_nll_per_dim", trainNll);
      figures.put("val_nll_per_dim", valNll);
      double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
      metrics.write();
      save(modelDir, g, model, train, data, latentRange, train.steps(), figures, seconds);
      writeLossPlot(modelDir, metrics.rows(), train.steps(), valNll);
      return new Result(trainNll, valNll, train.steps(), skipped);
    }
  }

  /**
   * Whether to validate after update {@code done}: at the end of an epoch, at most once in each
   * span of {@link #VALIDATE_EVERY} steps (epochs of a small data set can be a step long). A pure
   * function of the step, so a resumed run validates where an uninterrupted one would, whatever
   * {@code --steps} each was given.
   */
  static boolean validatesAt(BatchPlan plan, long done) {
    long every = VALIDATE_EVERY;
    int epoch = plan.epochOf(done - 1);
    if (plan.epochOf(done) == epoch) {
      return false;
    }
    long epochStart = done - plan.batchesInEpoch(epoch);
    return done / every > epochStart / every;
  }

  private static List<Episode> episodes(Dataset data, int[] indices) {
    List<Episode> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(data.episode(i));
    }
    return out;
  }

  /** Time-major arrays of a batch. */
  static SequenceGraph.Window window(Batch b) {
    return new SequenceGraph.Window(
        b.batchSize(), b.z(), b.action(), b.zNext(), b.reward(), b.terminated(), b.mask());
  }

  private static void save(
      Path modelDir,
      SequenceGraph g,
      MdnRnnConfig model,
      TrainConfig train,
      Dataset data,
      LatentBounds latentRange,
      long step,
      Map<String, Double> figures,
      double seconds)
      throws IOException {
    CheckpointMetadata meta =
        CheckpointMetadata.builder()
            .step(step)
            .model(model)
            .train(Json.valueToTree(train))
            .dataSpec(Json.valueToTree(data.spec()))
            .dataFingerprint(data.fingerprint())
            .latentRange(latentRange)
            .threads(TfRuntime.threads())
            .sessionsOwnThreads(TfRuntime.sessionsOwnThreads())
            .figures(figures)
            .seconds(seconds)
            .created(java.time.Instant.now().toString())
            .build();
    Checkpoints.save(modelDir, new Checkpoint(meta, g.weights(), g.optimizerSlots()));
  }

  private static void checkSameRun(
      Path modelDir, CheckpointMetadata meta, MdnRnnConfig model, TrainConfig train, Dataset data) {
    if (!meta.model().equals(model)) {
      throw new IllegalArgumentException(
          "--resume: "
              + modelDir
              + " was trained with model "
              + meta.model()
              + "; the flags give "
              + model);
    }
    TrainConfig saved;
    try {
      saved = readTrain(meta.train());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          modelDir + ": checkpoint key 'train' is unreadable: " + e.getMessage(), e);
    }
    saved
        .differenceFrom(train)
        .ifPresent(
            d -> {
              throw new IllegalArgumentException(
                  "--resume: "
                      + modelDir
                      + ": "
                      + d
                      + " (only --steps and --checkpoint-every may change)");
            });
    // Same seed and same thread settings give the same bits; others would fork the run. With
    // sessions' own pools the window's ops run on threads / 2 intra-op threads each, on all of them
    // without: the same bits at every shape checked, which the kernels do not promise.
    TfRuntime.checkResumed(modelDir, meta.threads(), meta.sessionsOwnThreads());
    if (meta.dataFingerprint() != null && !meta.dataFingerprint().equals(data.fingerprint())) {
      throw new IllegalArgumentException(
          "--resume: --data differs from the data "
              + modelDir
              + " was trained on (fingerprint "
              + meta.dataFingerprint()
              + ", now "
              + data.fingerprint()
              + ")");
    }
    if (meta.step() > train.steps()) {
      throw new IllegalArgumentException(
          "--resume: "
              + modelDir
              + " is at step "
              + meta.step()
              + ", beyond --steps "
              + train.steps());
    }
  }

  private static void writeLossPlot(
      Path modelDir, List<MetricsLog.Row> rows, long lastStep, double finalVal) throws IOException {
    long[] steps = new long[rows.size()];
    double[] train = new double[rows.size()];
    double[] val = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      steps[i] = rows.get(i).step();
      train[i] = rows.get(i).trainNll();
      val[i] = rows.get(i).valNllPerDim();
      if (steps[i] == lastStep && !Double.isNaN(finalVal)) {
        val[i] = finalVal; // the final validation figure, kept out of metrics.csv
      }
    }
    TrainingPlots.loss(modelDir.resolve("loss.png"), steps, train, val);
  }

  /** A checkpoint's training settings. */
  public static TrainConfig trainConfigOf(JsonNode train) {
    try {
      return readTrain(train);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "checkpoint key 'train' is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads checkpoint settings; those written before burn-in existed have none, that is 0. */
  private static TrainConfig readTrain(JsonNode train)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    JsonNode tree = train;
    if (train instanceof ObjectNode o && !o.has("burnIn")) {
      tree = o.deepCopy().put("burnIn", TrainConfig.BURN_IN_DEFAULT);
    }
    return Json.treeToValue(tree, TrainConfig.class);
  }
}
