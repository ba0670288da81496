package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeFormatException;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.data.SeriesWriter;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.util.OutputDir;
import org.worldmodels.vision.EpisodeEncoder;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.Vae;
import org.worldmodels.vision.VaeCheckpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae encode}: episodes of frames to encoded episodes ({@code z} the encoder's mean, {@code
 * logvar}, actions, rewards, flags and {@code state}; no frames), a spec naming the VAE, and the
 * VAE itself in {@code OUT/vae/}; with {@code --series}, also one World Models series file. The
 * directory appears only when complete.
 */
@Command(
    name = "encode",
    description =
        "Encode every episode of --data with a trained VAE: z (the encoder's mean) and logvar per"
            + " frame, written to --out with the VAE in --out/vae.")
final class VaeEncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--vae", required = true, description = "VAE directory from vae train.")
  Path vae;

  @Option(names = "--data", required = true, description = "Directory of episodes with frames.")
  Path data;

  @Option(names = "--out", required = true, description = "New directory for encoded episodes.")
  Path out;

  @Option(
      names = "--series",
      description = "Also write one World Models series file (episodes of one length).")
  Path series;

  @Override
  public Integer call() throws IOException {
    // Every input is checked before TensorFlow loads and before anything is written.
    int side = VaeCheckpoints.metadata(vae).model().frameSize();
    FrameEpisodes frames = Cli.io("--data " + data, () -> FrameEpisodes.open(data));
    if (frames.height() != side || frames.width() != side) {
      throw new IllegalArgumentException(
          "--data "
              + data
              + ": frames of "
              + frames.height()
              + " x "
              + frames.width()
              + "; the VAE "
              + vae
              + " reads "
              + side
              + " x "
              + side);
    }
    DataSpec in = inputSpec();
    Path target = OutputDir.requireFresh(out);
    if (series != null) {
      checkSeries(target, frames.files());
    }
    List<Episode> encoded = new ArrayList<>();
    List<float[][]> logvars = new ArrayList<>();
    List<String> names = new ArrayList<>();
    long count = 0;
    try (OutputDir dir = OutputDir.create(out);
        Vae v = Vae.load(vae)) {
      for (Path file : frames.files()) {
        EpisodeEncoder.Encoded e = encode(v, file);
        EpisodeStore.write(dir.staging().resolve(file.getFileName()), e.episode(), e.logvar());
        count += e.episode().length() + 1;
        if (series != null) {
          encoded.add(e.episode());
          logvars.add(e.logvar());
          names.add(file.toString());
        }
      }
      String sha = ModelVae.copy(vae, dir.staging(), v.sha256());
      in.encodedBy(v.config().zSize(), sha).write(dir.staging().resolve(EpisodeStore.SPEC_FILE));
      if (series != null) {
        SeriesWriter.write(series, encoded, logvars, names);
      }
      dir.commit();
    }
    Cli.printJson(spec, "episodes", frames.episodes(), "frames", count);
    return 0;
  }

  private DataSpec inputSpec() {
    DataSpec in =
        EpisodeStore.readSpec(data)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--data "
                            + data
                            + ": no spec.json; expected episodes from collect --env"
                            + " cartpole-pixels or pendulum-pixels"));
    if (!in.hasFrames()) {
      throw new IllegalArgumentException(
          "--data "
              + data
              + ": spec.json records no image observation; expected episodes of frames");
    }
    return in;
  }

  private EpisodeEncoder.Encoded encode(Vae v, Path file) throws IOException {
    Episode e = Cli.io(file.toString(), () -> EpisodeStore.read(file));
    if (!e.hasFrames()) {
      throw new EpisodeFormatException(
          file, "no key 'frames'; expected uint8 [T+1, H, W, 3] episodes of a pixel environment");
    }
    try {
      return EpisodeEncoder.encode(v, e);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
    }
  }

  /** Refuses a series file that exists or lies in the output, and episodes of several lengths. */
  private void checkSeries(Path target, List<Path> files) throws IOException {
    Path s = series.toAbsolutePath().normalize();
    if (Files.exists(s)) {
      throw new IllegalArgumentException("--series " + series + ": exists; expected a new file");
    }
    if (s.startsWith(target)) {
      throw new IllegalArgumentException(
          "--series "
              + series
              + ": inside --out, where train would read it as more episodes; put it elsewhere");
    }
    List<Integer> lengths = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      // Actions are small: their row count is each episode's T without decoding frames.
      NpyArray a = Cli.io(f.toString(), () -> Npz.read(f, "action"::equals)).get("action");
      if (a == null || a.rank() < 1) {
        throw new EpisodeFormatException(f, "action", "missing; expected float32 [T, A]");
      }
      lengths.add(a.dim(0));
      names.add(f.toString());
    }
    SeriesWriter.requireOneLength(lengths, names);
  }
}
