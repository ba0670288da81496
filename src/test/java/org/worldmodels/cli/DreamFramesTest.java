package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.Frames;
import org.worldmodels.io.Npz;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.TinyVaes;
import org.worldmodels.vision.Vae;

/**
 * {@code dream --frames}: a model whose spec names a VAE and that keeps it in {@code MODEL/vae/}
 * writes the decoded frames; state models and broken VAE copies are refused.
 */
class DreamFramesTest {
  @TempDir Path tmp;

  /** A VAE of z 2 and a briefly trained model (z 2, as the synthetic episodes) recording it. */
  private Path model(boolean copyVae) throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), 2, 7);
    String sha;
    try (Vae v = Vae.load(vae)) {
      sha = v.sha256();
    }
    DataSpec spec =
        new DataSpec(
            2,
            new ActionSpec.Box(new double[] {-1}, new double[] {1}),
            null,
            "encoded",
            EncoderSpec.vae(sha));
    Dataset data = Dataset.of(SyntheticEpisodes.generate(20, 10, 1), spec);
    TrainConfig train =
        new TrainConfig(10, 8, 5, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 3, 1000, 0.1);
    Path m = tmp.resolve("model");
    Trainer.train(
        data, TrainedModels.CONFIG, train, m, false, Trainer.OnNonFinite.STOP, Progress.NONE);
    if (copyVae) {
      copyTree(vae, m.resolve("vae"));
    }
    return m;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private Path initial() throws Exception {
    return SyntheticEpisodes.writeTo(tmp.resolve("initial"), 3, 3, 9);
  }

  private CliRun dream(Path model, Path out, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dream",
                "--model",
                model.toString(),
                "--initial",
                initial().toString(),
                "--episodes",
                "3",
                "--max-steps",
                "130",
                "--policy",
                "random",
                "--temperature",
                "1.0",
                "--batch",
                "2",
                "--seed",
                "4",
                "--out",
                out.toString(),
                "--quiet"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void framesAreTheVaesDecodingOfEachDreamedZAndTheRestIsUnchanged() throws Exception {
    Path m = model(true);
    CliRun plain = dream(m, tmp.resolve("plain"));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    CliRun withFrames = dream(m, tmp.resolve("frames"), "--frames");
    assertThat(withFrames.exitCode()).as(withFrames.err()).isZero();
    assertThat(withFrames.out()).isEqualTo(plain.out());
    try (Vae v = Vae.load(m.resolve("vae"))) {
      for (int i = 0; i < 3; i++) {
        String f = EpisodeStore.fileName(i);
        Path plainFile = tmp.resolve("plain").resolve(f);
        assertThat(Npz.keys(plainFile))
            .as("without --frames the files hold what they always did")
            .containsExactly("z", "action", "reward", "terminated", "truncated");
        Episode p = EpisodeStore.read(plainFile);
        Episode e = EpisodeStore.read(tmp.resolve("frames").resolve(f));
        assertThat(e.z()).isDeepEqualTo(p.z());
        assertThat(e.action()).isDeepEqualTo(p.action());
        assertThat(e.reward()).isEqualTo(p.reward());
        assertThat(e.truncated()).isEqualTo(p.truncated());
        // Longer than one batch of 100: decoded in batches, in order.
        assertThat(e.length()).isGreaterThan(Vae.BATCH);
        Frames fr = e.frames();
        assertThat(fr.shape()).containsExactly(e.length() + 1, 16, 16, 3);
        byte[][] expected = v.decode(e.z());
        for (int t = 0; t <= e.length(); t++) {
          assertThat(fr.frame(t)).as("episode %d frame %d", i, t).isEqualTo(expected[t]);
        }
      }
    }
    DataSpec spec = DataSpec.read(tmp.resolve("frames").resolve("spec.json"));
    assertThat(spec.observation().height()).isEqualTo(16);
    assertThat(spec.encoder())
        .isEqualTo(DataSpec.read(tmp.resolve("plain").resolve("spec.json")).encoder());
    assertThat(DataSpec.read(tmp.resolve("plain").resolve("spec.json")).observation()).isNull();

    // The dreamed episodes decode with vae decode too, to the same pixels.
    Path images = tmp.resolve("images");
    CliRun d =
        CliRun.of(
            "vae",
            "decode",
            "--vae",
            m.resolve("vae").toString(),
            "--data",
            tmp.resolve("frames").toString(),
            "--out",
            images.toString(),
            "--quiet");
    assertThat(d.exitCode()).as(d.err()).isZero();
    Episode e0 = EpisodeStore.read(tmp.resolve("frames").resolve(EpisodeStore.fileName(0)));
    byte[][] frames0 = new byte[e0.length() + 1][];
    for (int t = 0; t < frames0.length; t++) {
      frames0[t] = e0.frames().frame(t);
    }
    VaeDecodeCommandTest.checkStrip(images.resolve("episode_000000.png"), frames0, 1);
    assertThat(VaeDecodeCommandTest.gifFrames(images.resolve("episode_000000.gif")))
        .isEqualTo(e0.length() + 1);
  }

  @Test
  void aStateModelIsRefusedInOneLine() throws Exception {
    Path out = tmp.resolve("out");
    CliRun r = dream(TrainedModels.bimodal(), out, "--frames");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("error: --frames: ").contains("state vectors");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingOrForeignVaeCopyIsRefused() throws Exception {
    Path m = model(false);
    Path out = tmp.resolve("out");
    CliRun none = dream(m, out, "--frames");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.errLines()).hasSize(1);
    assertThat(none.errLines()[0]).contains("no vae/ directory");
    copyTree(TinyVaes.write(tmp.resolve("other"), 2, 8), m.resolve("vae"));
    CliRun other = dream(m, out, "--frames");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.errLines()).hasSize(1);
    assertThat(other.errLines()[0]).contains("encoder.sha256");
    assertThat(out).doesNotExist();
  }
}
