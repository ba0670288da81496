package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.data.Split;
import org.worldmodels.report.VaePlots;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Progress;
import org.worldmodels.util.ResumeSetting;
import org.worldmodels.util.Seeds;
import org.worldmodels.util.Version;

/**
 * Trains the ConvVAE on every frame of a {@link FrameSource} and keeps a VAE directory: a
 * checkpoint per epoch ({@link VaeCheckpoints}), {@code metrics.csv}, {@code loss.png} and {@code
 * reconstructions.png} (validation frames above their reconstructions from the mean latent).
 *
 * <p>Everything random is a function of the seed: the initial weights, the split of episodes into
 * training and validation ({@link Split}), each epoch's shuffle (keyed by the epoch) and each
 * batch's noise (keyed by epoch and batch). With Adam's moments in each checkpoint, a resumed run
 * ends with the same bits as an uninterrupted one at the same thread count. Frames stay uint8 in
 * memory and are scaled to [0, 1] per batch, in the graph.
 */
public final class VaeTrainer {
  static final long INIT_KEY = 0x56414549L; // "VAEI"
  static final long SHUFFLE_KEY = 0x56414553L; // "VAES"
  static final long NOISE_KEY = 0x5641454eL; // "VAEN"

  /** Frames shown in {@code reconstructions.png}. */
  static final int GRID_FRAMES = 8;

  private VaeTrainer() {}

  /**
   * The run's outcome.
   *
   * @param trainLoss mean batch loss of the last epoch (per frame)
   * @param valReconMse {@code recon_mse} on the validation episodes at the final weights (NaN
   *     without any)
   * @param epochs epochs done in total
   * @param steps optimizer updates done in total
   */
  public record Result(double trainLoss, double valReconMse, int epochs, long steps) {}

  /**
   * Trains (or with {@code resume}, continues) into {@code dir}.
   *
   * @throws IllegalArgumentException for frames of another size than the model's, or when resuming
   *     with settings that differ from the checkpoint's
   * @throws IllegalStateException when a step's loss or gradient is not finite (the directory keeps
   *     its last checkpoint)
   */
  public static Result train(
      FrameSource data,
      VaeConfig model,
      VaeTrainConfig train,
      Path dir,
      boolean resume,
      Progress progress)
      throws IOException {
    if (data.frameSize() != model.frameSize()) {
      throw new IllegalArgumentException(
          "frames are "
              + data.frameSize()
              + " x "
              + data.frameSize()
              + "; the VAE's frame_size is "
              + model.frameSize());
    }
    Split split = Split.of(data.episodes(), train.validationFraction(), train.seed());
    List<byte[]> trainFrames = frames(data, split.train());
    List<byte[]> valFrames = frames(data, split.validation());
    String fingerprint = data.fingerprint();
    int n = trainFrames.size();
    int batch = Math.min(train.batch(), n);
    int batches = n / batch;

    int startEpoch = 0;
    long step = 0;
    double secondsBefore = 0;
    VaeWeights weights;
    Map<String, float[]> slots = null;
    Map<String, Double> lastFigures = Map.of();
    boolean saved = false;
    if (resume && VaeCheckpoints.exists(dir)) {
      saved = true;
      VaeCheckpoints.Loaded ckpt = VaeCheckpoints.load(dir, true);
      checkSameRun(dir, ckpt.metadata(), model, train, fingerprint);
      weights = ckpt.weights();
      slots = ckpt.optimizer();
      startEpoch = ckpt.metadata().epoch();
      step = ckpt.metadata().step();
      secondsBefore = ckpt.metadata().seconds();
      lastFigures = ckpt.metadata().figures();
    } else {
      weights = VaeWeights.initial(model, Seeds.stream(train.seed(), INIT_KEY));
    }
    Files.createDirectories(dir);
    VaeCheckpoints.removeLeftovers(dir);
    VaeMetrics metrics = VaeMetrics.open(dir, step);
    long t0 = System.nanoTime();
    int values = model.frameValues();
    try (VaeGraph g = VaeGraph.forTraining(model, weights, train.adam(), slots)) {
      progress.start("vae train", (long) train.epochs() * batches);
      progress.update(step, "");
      byte[] buf = new byte[batch * values];
      for (int epoch = startEpoch; epoch < train.epochs(); epoch++) {
        int[] order = shuffle(n, train.seed(), epoch);
        double lossSum = 0;
        double reconSum = 0;
        double klSum = 0;
        for (int b = 0; b < batches; b++) {
          for (int i = 0; i < batch; i++) {
            System.arraycopy(trainFrames.get(order[b * batch + i]), 0, buf, i * values, values);
          }
          float[] eps = noise(train.seed(), epoch, b, batch * model.zSize());
          VaeGraph.StepFigures f =
              g.trainStep(buf, eps, train.adam().stepSize(train.learningRate(), step + 1));
          if (!f.applied()) {
            metrics.write();
            throw new IllegalStateException(
                "vae train: the loss or its gradient is not finite at step "
                    + (step + 1)
                    + " (loss "
                    + f.loss()
                    + ", gradient norm "
                    + f.gradNorm()
                    + "); "
                    + dir
                    + " keeps "
                    + (epoch > 0 ? VaeCheckpoints.name(epoch) : "no checkpoint")
                    + "; try a lower --lr");
          }
          step++;
          lossSum += f.loss();
          reconSum += f.recon();
          klSum += f.kl();
          metrics.add(new VaeMetrics.Row(epoch + 1, step, f.loss(), f.recon(), f.kl(), Double.NaN));
          progress.update(step, String.format("epoch %d loss %.1f", epoch + 1, f.loss()));
        }
        double val =
            valFrames.isEmpty()
                ? Double.NaN
                : VaeEvaluation.of(g, valFrames, train.batch()).reconMse();
        if (batches > 0) {
          metrics.setLastValidation(val);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("train_loss", lossSum / batches);
        figures.put("train_recon", reconSum / batches);
        figures.put("train_kl", klSum / batches);
        figures.put("val_recon_mse", val);
        lastFigures = figures;
        // Metrics first: a kill between the two leaves rows beyond the checkpoint, which a resumed
        // run drops; the other order could lose rows up to it.
        metrics.write();
        save(dir, g, model, train, epoch + 1, step, fingerprint, figures, secondsBefore, t0);
        saved = true;
      }
      progress.finish();
      if (!saved) {
        // Zero epochs asked for: the initial weights are the result.
        double val =
            valFrames.isEmpty()
                ? Double.NaN
                : VaeEvaluation.of(g, valFrames, train.batch()).reconMse();
        lastFigures = Map.of("val_recon_mse", val);
        metrics.write();
        save(dir, g, model, train, 0, 0, fingerprint, lastFigures, secondsBefore, t0);
      }
      writePlots(dir, metrics, g, valFrames.isEmpty() ? trainFrames : valFrames);
    }
    return new Result(
        lastFigures.getOrDefault("train_loss", Double.NaN),
        lastFigures.getOrDefault("val_recon_mse", Double.NaN),
        Math.max(startEpoch, train.epochs()),
        step);
  }

  /** The frames of the given episodes, in order (shared, not copied). */
  static List<byte[]> frames(FrameSource data, int[] episodes) {
    List<byte[]> out = new ArrayList<>();
    for (int e : episodes) {
      for (byte[] f : data.episode(e)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Epoch {@code epoch}'s order of the {@code n} training frames (Fisher-Yates). */
  static int[] shuffle(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = Seeds.stream(seed, SHUFFLE_KEY, epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Standard normal noise for batch {@code b} of epoch {@code epoch}. */
  static float[] noise(long seed, int epoch, int b, int count) {
    SplittableRandom rng = Seeds.stream(seed, NOISE_KEY, epoch, b);
    float[] e = new float[count];
    for (int i = 0; i < count; i++) {
      e[i] = (float) rng.nextGaussian();
    }
    return e;
  }

  private static void save(
      Path dir,
      VaeGraph g,
      VaeConfig model,
      VaeTrainConfig train,
      int epoch,
      long step,
      String fingerprint,
      Map<String, Double> figures,
      double secondsBefore,
      long t0)
      throws IOException {
    VaeWeights w = g.weights();
    VaeMetadata meta =
        new VaeMetadata(
            VaeCheckpoints.FORMAT,
            VaeCheckpoints.FORMAT_VERSION,
            Version.get(),
            epoch,
            step,
            model,
            train,
            fingerprint,
            w.sha256(model),
            TfRuntime.threads(),
            figures,
            secondsBefore + (System.nanoTime() - t0) / 1e9,
            Instant.now().toString());
    VaeCheckpoints.save(dir, meta, w, g.optimizerSlots());
  }

  private static void checkSameRun(
      Path dir, VaeMetadata meta, VaeConfig model, VaeTrainConfig train, String fingerprint) {
    if (!meta.model().equals(model)) {
      throw new IllegalArgumentException(
          "--resume: "
              + dir
              + " was trained with model "
              + meta.model()
              + "; the flags give "
              + model);
    }
    meta.train()
        .differenceFrom(train)
        .ifPresent(
            d -> {
              throw new IllegalArgumentException(
                  "--resume: " + dir + ": " + d + " (only --epochs may change)");
            });
    ResumeSetting.check(dir, "WORLDMODELS_THREADS", meta.threads(), TfRuntime.threads());
    if (!fingerprint.equals(meta.dataFingerprint())) {
      throw new IllegalArgumentException(
          "--resume: --data differs from the frames "
              + dir
              + " was trained on (fingerprint "
              + meta.dataFingerprint()
              + ", now "
              + fingerprint
              + ")");
    }
    if (meta.epoch() > train.epochs()) {
      throw new IllegalArgumentException(
          "--resume: "
              + dir
              + " is at epoch "
              + meta.epoch()
              + ", beyond --epochs "
              + train.epochs());
    }
  }

  private static void writePlots(Path dir, VaeMetrics metrics, VaeGraph g, List<byte[]> shown)
      throws IOException {
    List<VaeMetrics.Row> rows = metrics.rows();
    long[] steps = new long[rows.size()];
    double[] loss = new double[rows.size()];
    double[] kl = new double[rows.size()];
    double[] val = new double[rows.size()];
    int values = g.config().frameValues();
    for (int i = 0; i < rows.size(); i++) {
      steps[i] = rows.get(i).step();
      loss[i] = rows.get(i).trainLoss();
      kl[i] = rows.get(i).kl();
      val[i] = rows.get(i).valReconMse() * values; // per frame, as the loss's term
    }
    VaePlots.loss(dir.resolve("loss.png"), steps, loss, kl, val);
    int k = Math.min(GRID_FRAMES, shown.size());
    List<byte[]> originals = new ArrayList<>();
    byte[] buf = new byte[k * values];
    for (int i = 0; i < k; i++) {
      byte[] f = shown.get((int) ((long) i * shown.size() / k));
      originals.add(f);
      System.arraycopy(f, 0, buf, i * values, values);
    }
    float[] rec = g.reconstruct(buf, null);
    VaePlots.frameGrid(
        dir.resolve("reconstructions.png"),
        g.config().frameSize(),
        List.of(originals, Vae.toUint8(rec, k, values)),
        2);
  }
}
