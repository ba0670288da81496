package org.worldmodels.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.util.OutputDir;
import org.worldmodels.vision.InMemoryFrames;
import org.worldmodels.vision.ReconLoss;
import org.worldmodels.vision.VaeConfig;
import org.worldmodels.vision.VaeTrainConfig;
import org.worldmodels.vision.VaeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae train}: trains the ConvVAE on every frame of a directory of episodes. */
@Command(name = "train", description = "Train the ConvVAE on the frames of recorded episodes.")
final class VaeTrainCommand implements Callable<Integer> {
  private static final Map<String, String> FLAGS =
      Map.of(
          "z_size", "--z-size",
          "epochs", "--epochs",
          "batch", "--batch",
          "lr", "--lr",
          "kl_tolerance", "--kl-tolerance");

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "Directory of episodes with frames.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "VAE directory (new, or existing with --resume).")
  Path out;

  @Option(names = "--z-size", description = "Latent size (default ${DEFAULT-VALUE}).")
  int zSize = VaeConfig.Z_SIZE_DEFAULT;

  @Option(
      names = "--epochs",
      description = "Total epochs, also under --resume (default ${DEFAULT-VALUE}).")
  int epochs = VaeTrainConfig.EPOCHS_DEFAULT;

  @Option(names = "--batch", description = "Frames per step (default ${DEFAULT-VALUE}).")
  int batch = VaeTrainConfig.BATCH_DEFAULT;

  @Option(names = "--lr", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
  double lr = VaeTrainConfig.LEARNING_RATE_DEFAULT;

  @Option(
      names = "--kl-tolerance",
      description = "KL floor per latent dimension, nats (default ${DEFAULT-VALUE}).")
  double klTolerance = VaeConfig.KL_TOLERANCE_DEFAULT;

  @Option(names = "--recon", description = "mse or bernoulli (default ${DEFAULT-VALUE}).")
  String recon = VaeConfig.RECON_DEFAULT.id();

  @Option(names = "--seed", description = "Default ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--resume", description = "Continue from the VAE directory's latest epoch.")
  boolean resume;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    ReconLoss reconLoss = ReconLoss.parse(recon);
    VaeTrainConfig train =
        Cli.named(
            FLAGS,
            () ->
                new VaeTrainConfig(
                    epochs,
                    batch,
                    lr,
                    VaeTrainConfig.CLIP_DEFAULT,
                    VaeTrainConfig.CLIP_THRESHOLD_DEFAULT,
                    seed,
                    VaeTrainConfig.VALIDATION_FRACTION_DEFAULT));
    VaeConfig defaults = VaeConfig.defaults();
    Cli.named(
        FLAGS, () -> defaults.withZSize(zSize).withKlTolerance(klTolerance).withRecon(reconLoss));
    if (!resume) {
      OutputDir.requireFresh(out);
    } else if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + ": exists and is not a directory");
    }
    InMemoryFrames frames =
        Cli.io("--data " + data, () -> InMemoryFrames.read(FrameEpisodes.open(data)));
    VaeConfig model =
        Cli.named(
            Map.of("frame_size", "--data " + data + ": frame size"),
            () ->
                new VaeConfig(
                    frames.frameSize(),
                    zSize,
                    defaults.encoderFilters(),
                    defaults.decoderDense(),
                    defaults.decoderKernels(),
                    defaults.decoderFilters(),
                    klTolerance,
                    reconLoss));
    VaeTrainer.Result r =
        VaeTrainer.train(frames, model, train, out, resume, new ConsoleProgress(quiet));
    Cli.printJson(
        spec, "train_loss", r.trainLoss(), "val_recon_mse", r.valReconMse(), "epochs", r.epochs());
    return 0;
  }
}
