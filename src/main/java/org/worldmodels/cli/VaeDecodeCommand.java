package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.report.AnimatedGif;
import org.worldmodels.report.FrameSheet;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.Vae;
import org.worldmodels.vision.VaeCheckpoints;
import org.worldmodels.vision.VaeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae decode}: each episode's latents {@code z} decoded by a VAE, as a PNG filmstrip ({@link
 * FrameSheet#filmstrip}: 16 frames a line, at most 256 frames, exact pixels) and an animated GIF of
 * every frame, named after the episode file ({@code episode_000003.png}, {@code .gif}; row {@code
 * k} of a series file {@code s.npz} as {@code s_00000k}).
 */
@Command(
    name = "decode",
    description =
        "Decode the z of every episode of --data (encoded or dreamed) with a VAE: one PNG"
            + " filmstrip (16 frames a line; every k-th frame beyond 256) and one animated GIF"
            + " (every frame, 20 a second) per episode.")
final class VaeDecodeCommand implements Callable<Integer> {
  /** GIF delay per frame, hundredths of a second: 20 frames a second. */
  static final int GIF_DELAY = 5;

  private static final Pattern SERIES_ROW = Pattern.compile("(.*)\\.npz\\[(\\d+)]");

  @Spec CommandSpec spec;

  @Option(names = "--vae", required = true, description = "VAE directory from vae train.")
  Path vae;

  @Option(
      names = "--data",
      required = true,
      description = "Directory of episodes with z (from vae encode, or dream).")
  Path data;

  @Option(names = "--out", required = true, description = "New directory for the images.")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    OutputDir.requireFresh(out);
    // Every input is checked before TensorFlow loads and before anything is written.
    VaeConfig config = VaeCheckpoints.metadata(vae).model();
    Dataset episodes = Cli.io("--data " + data, () -> EpisodeStore.load(data));
    if (episodes.zSize() != config.zSize()) {
      throw new IllegalArgumentException(
          "--data "
              + data
              + ": episodes have z of size "
              + episodes.zSize()
              + "; the VAE --vae "
              + vae
              + " decodes z of size "
              + config.zSize());
    }
    List<String> names = names(episodes);
    Progress progress = new ConsoleProgress(quiet);
    int side = config.frameSize();
    int images = 0; // PNG filmstrips, as the contract counts them; each also gets a GIF
    try (Vae v = Vae.load(vae);
        OutputDir dir = OutputDir.create(out)) {
      warnOnOtherEncoder(episodes.spec(), v.sha256());
      progress.start("decode", episodes.size());
      for (int i = 0; i < episodes.size(); i++) {
        List<byte[]> frames = Arrays.asList(v.decode(episodes.episode(i).z()));
        FrameSheet.filmstrip(side, side, frames)
            .writePng(dir.staging().resolve(names.get(i) + ".png"));
        AnimatedGif.write(
            dir.staging().resolve(names.get(i) + ".gif"), side, side, frames, GIF_DELAY, 1);
        images++;
        progress.update(i + 1, "");
      }
      progress.finish();
      dir.commit();
    }
    Cli.printJson(spec, "episodes", episodes.size(), "images", images);
    return 0;
  }

  /**
   * Decoding with another VAE than the one that made the latents is allowed (the z size matches)
   * but rarely meant: say so on standard error.
   */
  private void warnOnOtherEncoder(DataSpec dataSpec, String sha256) {
    EncoderSpec e = dataSpec.encoder();
    if (e != null && !sha256.equals(e.sha256())) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: --data "
                  + data
                  + " records encoder "
                  + (e.isIdentity() ? "identity (state vectors)" : "vae " + e.sha256())
                  + "; decoding with --vae "
                  + vae
                  + " (sha256 "
                  + sha256
                  + ")");
    }
  }

  /** Image names: the episode file's name without {@code .npz}; series rows get their row. */
  static List<String> names(Dataset episodes) {
    String[] out = new String[episodes.size()];
    for (int i = 0; i < out.length; i++) {
      String file = Path.of(episodes.source(i)).getFileName().toString();
      Matcher m = SERIES_ROW.matcher(file);
      if (m.matches()) {
        out[i] = String.format(Locale.ROOT, "%s_%06d", m.group(1), Long.parseLong(m.group(2)));
      } else if (file.endsWith(".npz")) {
        out[i] = file.substring(0, file.length() - 4);
      } else {
        out[i] = EpisodeStore.fileName(i).replace(".npz", "");
      }
    }
    return List.of(out);
  }
}
