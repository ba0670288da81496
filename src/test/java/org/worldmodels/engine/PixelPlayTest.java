package org.worldmodels.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.ModelReference;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Envs;
import org.worldmodels.env.PixelEnv;
import org.worldmodels.env.VaeEncoder;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.TestVaes;
import org.worldmodels.vision.Vae;

/**
 * A controller in a pixel environment sees [z, h] with z from the model's VAE on the rendered
 * frame: play on a tiny pixel model, with 1 and 3 engine slots, and the z a controller is fed.
 */
class PixelPlayTest {
  @TempDir Path tmp;

  /** A tiny MDN-RNN model for 16 x 16 CartPole frames with its VAE in MODEL/vae. */
  private Path model() throws Exception {
    Path vae = tmp.resolve("vae");
    String sha = TestVaes.write(vae, TestVaes.tiny(), 4);
    DataSpec spec =
        new DataSpec(
            3, new ActionSpec.Discrete(2), 500, "cartpole-pixels", EncoderSpec.vae(sha), null);
    Path model = TinyModel.write(tmp.resolve("model"), spec, 5, 2);
    ModelVae.copy(vae, model, sha);
    return model;
  }

  private Path controller(Path model) throws Exception {
    ControllerSpec cs = ControllerSpec.linear(3, 5, new ActionSpec.Discrete(2));
    double[] p = new SplittableRandom(9).doubles(cs.parameterCount(), -1, 1).toArray();
    Path file = tmp.resolve("ctl.json");
    ControllerFile.of(cs.create(p), ModelReference.of(model)).write(file);
    return file;
  }

  @Test
  void playGivesTheSameReturnsOnOneAndThreeSlots() throws Exception {
    Path model = model();
    PlayRequest request = new PlayRequest(model, controller(model), "cartpole-pixels", 5, 11);
    double[] direct = RealEvaluation.play(request, Progress.NONE);
    try (LocalEngine one = new LocalEngine(1);
        LocalEngine three = new LocalEngine(3)) {
      assertThat(one.play(request)).containsExactly(direct);
      assertThat(three.play(request)).containsExactly(direct);
    }
    assertThat(java.util.Arrays.stream(direct).min().orElseThrow()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theControllerIsFedTheVaesMeanOfTheRenderedFrame() throws Exception {
    Path model = model();
    Path out = tmp.resolve("collected");
    java.nio.file.Files.createDirectories(out);
    ControllerCollect.Request req =
        new ControllerCollect.Request(model, controller(model), "cartpole-pixels", 2, 5, 0, 0.0);
    ControllerCollect.append(req, out, 0, Progress.NONE);
    DataSpec modelSpec = DataSpec.read(out.resolve(EpisodeStore.SPEC_FILE));
    String sha = ModelVae.sha256(ModelVae.path(model));
    assertThat(modelSpec.encoder()).isEqualTo(EncoderSpec.vae(sha));
    assertThat(modelSpec.zSize()).isEqualTo(3);
    assertThat(modelSpec.observation().height()).isEqualTo(16);
    assertThat(ModelVae.sha256(ModelVae.path(out))).isEqualTo(sha);
    // The recorded z is what the controller was fed: the VAE's mean of each recorded frame.
    try (Vae vae = Vae.load(ModelVae.path(model))) {
      for (Path file : EpisodeStore.list(out)) {
        Episode e = EpisodeStore.read(file);
        assertThat(e.length()).isGreaterThan(1);
        for (int t = 0; t <= e.length(); t++) {
          float[] want = vae.encode(new byte[][] {e.frames().frame(t)}).mu()[0];
          assertThat(e.z()[t]).as(file + " t=" + t).containsExactly(want);
        }
      }
    }
    try (Encoder encoder = Encoders.open(modelSpec, model);
        var env = Envs.make("cartpole-pixels", encoder)) {
      assertThat(encoder).isInstanceOf(VaeEncoder.class);
      assertThat(((PixelEnv) env).frameSize()).isEqualTo(16);
    }
  }
}
