package org.worldmodels.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.Split;
import org.worldmodels.util.Progress;

/** Trains a VAE on disc frames and reads the factors back from held-out frames. */
final class DiscExperiment {
  private DiscExperiment() {}

  record Outcome(
      VaeTrainer.Result result, double r2x, double r2y, double r2r, VaeEvaluation heldOut) {}

  static Outcome run(DiscFrames data, VaeConfig model, VaeTrainConfig train, Path dir)
      throws Exception {
    VaeTrainer.Result res = VaeTrainer.train(data, model, train, dir, false, Progress.NONE);
    Split split = Split.of(data.episodes(), train.validationFraction(), train.seed());
    try (Vae vae = Vae.load(dir)) {
      float[][][] z = new float[2][][];
      double[][][] y = new double[2][][];
      int[][] parts = {split.train(), split.validation()};
      List<byte[][]> heldOut = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        List<byte[]> fr = new ArrayList<>();
        List<double[]> fa = new ArrayList<>();
        for (int e : parts[p]) {
          fr.addAll(List.of(data.episode(e)));
          fa.addAll(List.of(data.factors(e)));
          if (p == 1) {
            heldOut.add(data.episode(e));
          }
        }
        z[p] = vae.encode(fr.toArray(new byte[0][])).mu();
        y[p] = fa.toArray(new double[0][]);
      }
      double[] r2 = new double[3];
      for (int k = 0; k < 3; k++) {
        double[] tr = new double[y[0].length];
        double[] te = new double[y[1].length];
        for (int i = 0; i < tr.length; i++) {
          tr[i] = y[0][i][k];
        }
        for (int i = 0; i < te.length; i++) {
          te[i] = y[1][i][k];
        }
        r2[k] = QuadraticReadout.heldOutR2(z[0], tr, z[1], te);
      }
      VaeEvaluation ev = vae.evaluate(new InMemoryFrames(data.frameSize(), heldOut));
      return new Outcome(res, r2[0], r2[1], r2[2], ev);
    }
  }

  /**
   * Ad-hoc runs (the measurements in docs/vision.md): {@code java -cp ...
   * org.worldmodels.vision.DiscExperiment RECON LR EPOCHS NARROW EPISODES BATCH [KL_TOLERANCE
   * [MIN_RADIUS MAX_RADIUS]]}.
   */
  public static void main(String[] a) throws Exception {
    ReconLoss recon = ReconLoss.parse(a[0]);
    double lr = Double.parseDouble(a[1]);
    int epochs = Integer.parseInt(a[2]);
    int narrow = Integer.parseInt(a[3]);
    int episodes = Integer.parseInt(a[4]);
    DiscFrames data =
        new DiscFrames(
            64,
            episodes,
            100,
            a.length > 7 ? Double.parseDouble(a[7]) : 3,
            a.length > 8 ? Double.parseDouble(a[8]) : 10,
            1);
    VaeConfig model =
        VaeConfig.defaults()
            .withZSize(8)
            .withRecon(recon)
            .narrowedBy(narrow)
            .withKlTolerance(a.length > 6 ? Double.parseDouble(a[6]) : 0.5);
    VaeTrainConfig train =
        VaeTrainConfig.defaults(0)
            .withEpochs(epochs)
            .withLearningRate(lr)
            .withBatch(Integer.parseInt(a[5]));
    Path dir = Files.createTempDirectory("disc");
    long t0 = System.nanoTime();
    Outcome o = run(data, model, train, dir);
    System.out.printf(
        "recon %s lr %s epochs %d narrow %d episodes %d batch "
            + a[5]
            + ": R2 x %.4f y %.4f r %.4f; held-out recon_mse %.5f kl %.2f; train_loss %.2f; %.0f s; %s%n",
        recon,
        lr,
        epochs,
        narrow,
        episodes,
        o.r2x(),
        o.r2y(),
        o.r2r(),
        o.heldOut().reconMse(),
        o.heldOut().kl(),
        o.result().trainLoss(),
        (System.nanoTime() - t0) / 1e9,
        dir);
  }
}
