package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.WorldModel;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.ObservationSpec;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.rollout.DreamEpisodes;
import org.worldmodels.rollout.EpisodeWriter;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import org.worldmodels.vision.DecodedFrames;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dream}: episodes dreamed by a trained model, in the episode format. */
@Command(
    name = "dream",
    description = "Dream episodes with a trained model and write them as .npz episodes.")
final class DreamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(
      names = "--initial",
      required = true,
      description = "Episodes whose z[0] (z[K] with --context K) start the dreams.")
  Path initial;

  @Option(names = "--episodes", required = true, description = "Episodes to dream.")
  int episodes;

  @Option(names = "--max-steps", required = true, description = "Time limit of a dreamed episode.")
  int maxSteps;

  @Option(names = "--policy", required = true, description = "random, or a controller JSON file.")
  String policy;

  @Option(
      names = "--temperature",
      required = true,
      description = "Temperature of weights and scales (> 0).")
  double temperature;

  @Option(names = "--sigma-temperature", description = "Scale temperature, if different (> 0).")
  Double sigmaTemperature;

  @Option(
      names = "--most-probable",
      description = "Take each step's most probable point, not a sample.")
  boolean mostProbable;

  @Option(names = "--batch", description = "Episodes dreamed together (default ${DEFAULT-VALUE}).")
  int batch = 256;

  @Option(
      names = "--seed",
      required = true,
      description = "Seed of starts, samples and random actions.")
  long seed;

  @Option(names = "--out", required = true, description = "New directory for the episodes.")
  Path out;

  @Option(
      names = "--context",
      description =
          "Start each dream at z[K] of an --initial episode longer than K, its LSTM state fed"
              + " the recorded steps 0..K-1; the files hold the dreamed steps only"
              + " (default ${DEFAULT-VALUE}).")
  int context;

  @Option(
      names = "--frames",
      description =
          "Also write each episode's frames, decoded from its z by the model's VAE (MODEL/vae/;"
              + " a model trained on encoded frames).")
  boolean frames;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Check.inRange("--episodes", episodes, 1, Integer.MAX_VALUE);
    Check.inRange("--max-steps", maxSteps, 1, Integer.MAX_VALUE);
    Check.inRange("--batch", batch, 1, 1 << 20);
    Check.positiveFinite("--temperature", temperature);
    if (sigmaTemperature != null) {
      Check.positiveFinite("--sigma-temperature", sigmaTemperature);
    }
    OutputDir.requireFresh(out);
    DreamOptions options =
        DreamOptions.builder()
            .batchSize(batch)
            .temperature(temperature)
            .scaleTemperature(sigmaTemperature != null ? sigmaTemperature : temperature)
            .mostProbable(mostProbable)
            .seed(seed)
            .build();
    try (WorldModel m = WorldModel.load(model)) {
      DataSpec dataSpec = m.spec();
      Dataset starts = Cli.io("--initial " + initial, () -> EpisodeStore.load(initial));
      InitialLatents initialLatents =
          Cli.named(
              Map.of("context", "--context"),
              () ->
                  InitialLatents.from(
                      starts,
                      context,
                      m.config().zSize(),
                      "--initial " + initial,
                      model.toString()));
      Policy p = Policies.forDream(policy, m);
      // Null without --frames: try-with-resources skips it.
      try (Vae vae = frames ? modelVae(m) : null;
          OutputDir dir = OutputDir.create(out)) {
        EpisodeWriter writer = EpisodeWriter.toDirectory(dir.staging());
        if (vae != null) {
          // Each episode decoded as it ends, in the VAE's batches, then written and dropped.
          writer = writer.withDecodedFrames(z -> DecodedFrames.of(vae, z));
        }
        Rollouts.Totals r =
            DreamEpisodes.run(
                m::dreamEnv,
                dataSpec.action(),
                options,
                initialLatents,
                p,
                episodes,
                maxSteps,
                writer,
                new ConsoleProgress(quiet));
        EpisodeStore.writeSpec(
            dir.staging(),
            new DataSpec(
                dataSpec.zSize(),
                dataSpec.action(),
                maxSteps,
                "dream of " + model,
                dataSpec.encoder(),
                vae == null
                    ? null
                    : ObservationSpec.image(vae.config().frameSize(), vae.config().frameSize())));
        dir.commit();
        Cli.printJson(spec, "episodes", r.episodes(), "steps", r.steps());
      }
    }
    return 0;
  }

  /**
   * The VAE of a model trained on encoded frames ({@link ModelVae}), checked against the spec's
   * {@code encoder.sha256}.
   */
  private Vae modelVae(WorldModel m) {
    EncoderSpec e = m.spec().encoder();
    if (e == null || !EncoderSpec.VAE_TYPE.equals(e.type())) {
      throw new IllegalArgumentException(
          "--frames: --model "
              + model
              + " was trained on state vectors (encoder "
              + (e == null ? "none" : e.type())
              + "), not on frames encoded by a VAE; --frames needs a model trained on the output"
              + " of vae encode");
    }
    try {
      return ModelVae.open(model, e.sha256());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("--frames: " + ex.getMessage(), ex);
    }
  }
}
