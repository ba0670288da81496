package org.worldmodels.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Progress;

class VaeTrainerTest {
  static final VaeConfig MODEL = VaeGraphTest.tiny(ReconLoss.MSE);
  static final DiscFrames DATA = new DiscFrames(16, 4, 10, 2, 5, 3);

  static VaeTrainConfig train(int epochs) {
    return new VaeTrainConfig(epochs, 8, 3e-3, Clip.Kind.NONE, 1, 5, 0.1);
  }

  @Test
  void sameSeedGivesTheSameBits(@TempDir Path tmp) throws Exception {
    VaeTrainer.Result a =
        VaeTrainer.train(DATA, MODEL, train(2), tmp.resolve("a"), false, Progress.NONE);
    VaeTrainer.Result b =
        VaeTrainer.train(DATA, MODEL, train(2), tmp.resolve("b"), false, Progress.NONE);
    assertThat(a).isEqualTo(b);
    assertThat(a.steps()).isEqualTo(2 * 3); // 30 training frames in batches of 8
    assertThat(weightsBytes(tmp.resolve("a"))).isEqualTo(weightsBytes(tmp.resolve("b")));
    assertThat(VaeCheckpoints.metadata(tmp.resolve("a")).weightsSha256())
        .isEqualTo(Vae.load(tmp.resolve("a")).sha256())
        .matches("[0-9a-f]{64}");
    VaeTrainer.Result c =
        VaeTrainer.train(
            DATA,
            MODEL,
            new VaeTrainConfig(2, 8, 3e-3, Clip.Kind.NONE, 1, 6, 0.1),
            tmp.resolve("c"),
            false,
            Progress.NONE);
    assertThat(weightsBytes(tmp.resolve("c"))).isNotEqualTo(weightsBytes(tmp.resolve("a")));
    assertThat(c.epochs()).isEqualTo(2);
  }

  private static byte[] weightsBytes(Path dir) throws Exception {
    return Files.readAllBytes(VaeCheckpoints.latestDir(dir).resolve(VaeCheckpoints.WEIGHTS));
  }

  @Test
  void resumedRunEndsWithTheBitsOfAnUninterruptedOne(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    VaeTrainer.Result w = VaeTrainer.train(DATA, MODEL, train(3), whole, false, Progress.NONE);
    VaeTrainer.train(DATA, MODEL, train(1), parts, false, Progress.NONE);
    assertThat(VaeCheckpoints.metadata(parts).epoch()).isEqualTo(1);
    VaeTrainer.Result p = VaeTrainer.train(DATA, MODEL, train(3), parts, true, Progress.NONE);
    assertThat(p).isEqualTo(w);
    assertThat(weightsBytes(parts)).isEqualTo(weightsBytes(whole));
    assertThat(
            Files.readAllBytes(VaeCheckpoints.latestDir(parts).resolve(VaeCheckpoints.OPTIMIZER)))
        .isEqualTo(
            Files.readAllBytes(VaeCheckpoints.latestDir(whole).resolve(VaeCheckpoints.OPTIMIZER)));
    assertThat(Files.readString(parts.resolve(VaeMetrics.FILE)))
        .isEqualTo(Files.readString(whole.resolve(VaeMetrics.FILE)));
    List<String> lines = Files.readAllLines(whole.resolve(VaeMetrics.FILE));
    assertThat(lines.get(0)).isEqualTo("epoch,step,train_loss,recon,kl,val_recon_mse");
    assertThat(lines).hasSize(1 + 9);
    assertThat(lines.get(3)).startsWith("1,3,").doesNotEndWith(","); // validation at epoch end
    assertThat(lines.get(2)).startsWith("1,2,").endsWith(",");
    assertThat(whole.resolve("loss.png")).isRegularFile();
    assertThat(whole.resolve("reconstructions.png")).isRegularFile();
    // Two checkpoints kept, the newest named by latest.json.
    assertThat(whole.resolve("ckpt-000003")).isDirectory();
    assertThat(whole.resolve("ckpt-000002")).isDirectory();
    assertThat(whole.resolve("ckpt-000001")).doesNotExist();
  }

  @Test
  void resumeWithOtherSettingsIsRefused(@TempDir Path tmp) throws Exception {
    VaeTrainer.train(DATA, MODEL, train(1), tmp, false, Progress.NONE);
    assertThatThrownBy(
            () ->
                VaeTrainer.train(
                    DATA, MODEL, train(2).withLearningRate(1e-4), tmp, true, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lr is 0.003 in the checkpoint, 1.0E-4 now");
    assertThatThrownBy(
            () -> VaeTrainer.train(DATA, MODEL.withZSize(4), train(2), tmp, true, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was trained with model");
    DiscFrames other = new DiscFrames(16, 4, 10, 2, 5, 4);
    assertThatThrownBy(() -> VaeTrainer.train(other, MODEL, train(2), tmp, true, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--data differs");
  }

  @Test
  void framesOfAnotherSizeAreRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
    DiscFrames big = new DiscFrames(32, 2, 3, 2, 5, 1);
    Path out = tmp.resolve("vae");
    assertThatThrownBy(() -> VaeTrainer.train(big, MODEL, train(1), out, false, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frames are 32 x 32; the VAE's frame_size is 16");
    assertThat(out).doesNotExist();
    assertThatThrownBy(() -> new InMemoryFrames(16, List.<byte[][]>of(new byte[][] {new byte[10]})))
        .hasMessageContaining("episode 0 frame 0 has 10 values; expected 16 x 16 x 3 = 768");
  }

  @Test
  void loadedVaeEncodesDecodesAndEvaluatesLikeTheGraph(@TempDir Path tmp) throws Exception {
    VaeTrainer.train(DATA, MODEL, train(1), tmp, false, Progress.NONE);
    byte[][] frames = DATA.episode(0);
    try (Vae vae = Vae.load(tmp)) {
      Vae.Encoded e = vae.encode(frames);
      assertThat(e.mu()).hasNumberOfRows(10);
      assertThat(e.mu()[0]).hasSize(3);
      byte[][] back = vae.decode(e.mu());
      assertThat(back[0]).hasSize(16 * 16 * 3);
      VaeEvaluation ev = vae.evaluate(new InMemoryFrames(16, List.<byte[][]>of(frames)));
      // recon_mse recomputed from decode(mu): the uint8 rounding moves it by at most 1/255.
      double se = 0;
      for (int i = 0; i < frames.length; i++) {
        for (int j = 0; j < frames[i].length; j++) {
          double d = ((back[i][j] & 0xff) - (frames[i][j] & 0xff)) / 255.0;
          se += d * d;
        }
      }
      double mse = se / (10.0 * 768);
      assertThat(ev.frames()).isEqualTo(10);
      assertThat(Math.abs(Math.sqrt(mse) - Math.sqrt(ev.reconMse()))).isLessThan(1.0 / 255);
      double kl = 0;
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 3; j++) {
          double m = e.mu()[i][j];
          double lv = e.logvar()[i][j];
          kl += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
        }
      }
      assertThat(ev.kl()).isCloseTo(kl / 10, org.assertj.core.data.Offset.offset(1e-4 * (1 + kl)));
    }
  }
}
