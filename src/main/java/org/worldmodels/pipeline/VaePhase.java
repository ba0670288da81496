package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.util.Json;
import org.worldmodels.vision.FrameSource;
import org.worldmodels.vision.InMemoryFrames;
import org.worldmodels.vision.VaeCheckpoints;
import org.worldmodels.vision.VaeTrainer;

/**
 * A pixel run's vision model V: the ConvVAE trained on round 0's frames (the first {@code
 * vae.episodes} episodes, or all) into {@code vae/}, with the recipe's {@code vae} settings and the
 * run's seed. Later rounds keep it fixed, so their latents stay comparable and M can warm-start. A
 * killed run continues training from V's last epoch checkpoint.
 */
final class VaePhase implements RunPhase {
  @Override
  public String name() {
    return "vae";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Recipe.Vae v = run.recipe().vaeOrDefaults();
    FrameSource frames = InMemoryFrames.read(FrameEpisodes.open(run.episodesDir()));
    if (v.episodes() != null && v.episodes() < frames.episodes()) {
      frames = new FirstEpisodes(frames, v.episodes());
    }
    VaeTrainer.Result r =
        VaeTrainer.train(
            frames,
            v.model(),
            v.training(run.seed()),
            run.vaeDir(),
            VaeCheckpoints.exists(run.vaeDir()),
            run.progress());
    run.putSummary("vae_val_recon_mse", r.valReconMse());
    Files.copy(
        run.vaeDir().resolve("loss.png"),
        run.plotsDir().resolve("vae-training.png"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        run.vaeDir().resolve("reconstructions.png"),
        run.plotsDir().resolve("vae-reconstructions.png"),
        StandardCopyOption.REPLACE_EXISTING);
    report(run);
  }

  @Override
  public JsonNode save(RunContext run) {
    return Json.objectNode()
        .put("vae_val_recon_mse", (Double) run.summaryKeys().get("vae_val_recon_mse"));
  }

  @Override
  public void restore(RunContext run, JsonNode saved) {
    run.putSummary("vae_val_recon_mse", saved.get("vae_val_recon_mse").asDouble());
    report(run);
  }

  private static void report(RunContext run) {
    run.report()
        .add(
            "Training of V (the ConvVAE)",
            "Loss per frame and validation reconstruction error; below, validation frames above"
                + " their reconstructions from the mean latent.\n\n"
                + "![vae training](plots/vae-training.png)\n\n"
                + "![vae reconstructions](plots/vae-reconstructions.png)\n");
  }

  /** The first {@code n} episodes of a source. */
  private record FirstEpisodes(FrameSource all, int n) implements FrameSource {
    @Override
    public int frameSize() {
      return all.frameSize();
    }

    @Override
    public int episodes() {
      return n;
    }

    @Override
    public byte[][] episode(int i) {
      if (i >= n) {
        throw new IllegalArgumentException("episode index must be below " + n + ", got " + i);
      }
      return all.episode(i);
    }
  }
}
