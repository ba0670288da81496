package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.vision.InMemoryFrames;
import org.worldmodels.vision.Vae;
import org.worldmodels.vision.VaeCheckpoints;
import org.worldmodels.vision.VaeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae eval}: reconstruction error and KL of a trained ConvVAE on a directory's frames. */
@Command(
    name = "eval",
    description =
        "Mean squared error per pixel value (values in [0, 1]) of the reconstruction from the mean"
            + " latent, and the mean KL per frame (nats), over every frame of --data.")
final class VaeEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--vae", required = true, description = "VAE directory from vae train.")
  Path vae;

  @Option(names = "--data", required = true, description = "Directory of episodes with frames.")
  Path data;

  @Override
  public Integer call() {
    // Both inputs are checked before TensorFlow loads.
    VaeCheckpoints.metadata(vae);
    InMemoryFrames frames =
        Cli.io("--data " + data, () -> InMemoryFrames.read(FrameEpisodes.open(data)));
    try (Vae v = Vae.load(vae)) {
      VaeEvaluation e = v.evaluate(frames);
      Cli.printJson(spec, "recon_mse", e.reconMse(), "kl", e.kl(), "frames", e.frames());
    }
    return 0;
  }
}
