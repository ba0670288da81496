package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.pipeline.PipelineResumeTest.KillAt;
import org.worldmodels.pipeline.PipelineResumeTest.Killed;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.Vae;

/**
 * The loop from pixels on small settings: V trained once on round 0's frames, every round's
 * episodes encoded by it, M trained on the latents with its own copy of V, and the report's frames.
 */
class PipelinePixelsTest {
  @TempDir Path tmp;

  @Test
  void twoRoundsFromPixelsTrainVOnceEncodeEveryRoundAndResumeExactly() throws Exception {
    Recipe r =
        Recipe.read(
            SmallRecipes.cartpolePixels(
                tmp.resolve("env"),
                "{\"max\": 2, \"episodes\": 3, \"exploration\": 0.2, \"warm_start\": true,"
                    + " \"real_contest\": 2}"));
    Path out = tmp.resolve("run");
    Summary s = Pipeline.run(r, out, 3, Progress.NONE);

    assertThat(s.rounds()).hasSize(2);
    assertThat(s.seconds())
        .containsKeys("collect", "vae", "encode", "train", "control", "contest", "play");
    // Frames as collected, latents beside them: one encoded file per collected one.
    assertThat(FrameEpisodes.open(out.resolve("episodes")).episodes()).isEqualTo(23);
    Dataset encoded = EpisodeStore.load(out.resolve("encoded"));
    assertThat(encoded.size()).isEqualTo(23);
    assertThat(encoded.zSize()).isEqualTo(4);
    try (Vae vae = Vae.load(out.resolve("vae"))) {
      assertThat(encoded.spec().encoder()).isEqualTo(EncoderSpec.vae(vae.sha256()));
      // Round 1's episodes are encoded by the same, fixed V: z is its mean of each frame.
      Episode last = encoded.episode(22);
      byte[][] frames = framesOf(out.resolve("episodes"), 22);
      assertThat(vae.encode(frames).mu()).isDeepEqualTo(last.z());
      assertThat(ModelVae.sha256(out.resolve("model/vae"))).isEqualTo(vae.sha256());
      assertThat(ModelVae.sha256(out.resolve("encoded/vae"))).isEqualTo(vae.sha256());
    }
    assertThat(out.resolve("plots/frames.png")).exists();
    assertThat(out.resolve("plots/vae-training.png")).exists();
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("plots/frames.png", "plots/vae-reconstructions.png", "plots/training.png");

    // Killed in V's training, in round 0's encoding, in round 1's pixel collection and contest,
    // then resumed each time: the same bits as the run never stopped (so also as a second fresh
    // run).
    Path again = tmp.resolve("again");
    assertThatThrownBy(() -> Pipeline.run(r, again, 3, new KillAt("vae train", 1, 1)))
        .isInstanceOf(Killed.class);
    assertThatThrownBy(() -> Pipeline.resume(r, again, 3, new KillAt("encode", 1, 5)))
        .isInstanceOf(Killed.class);
    assertThat(SmallRecipes.fileNames(again.resolve("encoded"))).contains("episode_000004.npz");
    assertThatThrownBy(() -> Pipeline.resume(r, again, 3, new KillAt("collect", 1, 1)))
        .isInstanceOf(Killed.class);
    // And in round 1's real contest from pixels, while the previous agent plays.
    assertThatThrownBy(() -> Pipeline.resume(r, again, 3, new KillAt("contest", 2, 1)))
        .isInstanceOf(Killed.class);
    Pipeline.resume(r, again, 3, Progress.NONE);
    assertThat(SmallRecipes.summaryWithoutTimings(again))
        .isEqualTo(SmallRecipes.summaryWithoutTimings(out));
    // The controller files name their model by path, which differs between the two runs.
    assertThat(ControllerFile.read(again.resolve("controller.json")).parameters())
        .isEqualTo(ControllerFile.read(out.resolve("controller.json")).parameters());
    for (String name : SmallRecipes.fileNames(out.resolve("encoded"))) {
      if (name.endsWith(".npz")) {
        assertThat(again.resolve("encoded").resolve(name))
            .as(name)
            .hasSameBinaryContentAs(out.resolve("encoded").resolve(name));
      }
    }
  }

  private static byte[][] framesOf(Path dir, int i) throws Exception {
    var f = FrameEpisodes.open(dir).read(i);
    byte[][] frames = new byte[f.count()][];
    for (int t = 0; t < frames.length; t++) {
      frames[t] = f.frame(t);
    }
    return frames;
  }
}
