package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.DataSpec;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.StepResult;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/** Playing a controller in a real environment with the MDN-RNN supplying h. */
class RealEvaluationTest {
  private static final int HIDDEN = 6;

  @TempDir Path tmp;

  private static DataSpec specOf(String env) {
    try (RealWorld w = RealWorld.open(() -> Envs.make(env), 1, IdentityEncoder.INSTANCE)) {
      return w.spec();
    }
  }

  private static MdnRnnCell cell(String env, long seed) {
    var config = TinyModel.config(specOf(env), HIDDEN);
    return new MdnRnnCell(config, MdnRnnWeights.initial(config, new SplittableRandom(seed)));
  }

  private static Controller randomLinear(String env, long seed) {
    ControllerSpec spec = ControllerSpec.linear(specOf(env).zSize(), HIDDEN, specOf(env).action());
    double[] p = new SplittableRandom(seed).doubles(spec.parameterCount(), -1, 1).toArray();
    return spec.create(p);
  }

  /** Passes through to a controller and records what it was shown. */
  private static final class Recording implements Controller {
    final Controller inner;
    final List<float[]> z = new ArrayList<>();
    final List<float[]> h = new ArrayList<>();
    final List<float[]> a = new ArrayList<>();

    Recording(Controller inner) {
      this.inner = inner;
    }

    @Override
    public float[] act(float[] zt, float[] ht) {
      z.add(zt.clone());
      h.add(ht.clone());
      float[] at = inner.act(zt, ht);
      a.add(at.clone());
      return at;
    }

    @Override
    public ControllerSpec spec() {
      return inner.spec();
    }

    @Override
    public double[] parameters() {
      return inner.parameters();
    }
  }

  @Test
  void theControllerSeesTheStateBeforeTheStepIsFed() {
    MdnRnnCell cell = cell("pendulum", 1);
    Recording rec = new Recording(randomLinear("pendulum", 2));
    try (Env env = Envs.make("pendulum")) {
      double ret = RealEvaluation.episodeReturn(env, IdentityEncoder.INSTANCE, cell, rec, 5);
      assertEquals(200, rec.h.size());

      // Replay: z from the environment, h from feeding (z_t, a_t) after a_t was chosen.
      float[] h = new float[HIDDEN];
      float[] c = new float[HIDDEN];
      float[] y = new float[cell.config().outputSize()];
      float[] z = env.reset(5);
      double expected = 0;
      for (int t = 0; t < rec.h.size(); t++) {
        assertArrayEquals(z, rec.z.get(t), "step " + t + ": z");
        assertArrayEquals(h, rec.h.get(t), "step " + t + ": h");
        StepResult r = env.step(rec.a.get(t));
        expected += r.reward();
        cell.step(z, 0, rec.a.get(t), 0, h, c, 0, y, 0, cell.newWorkspace());
        z = r.observation();
      }
      assertEquals(expected, ret, 0.0);
      assertThat(rec.h.get(0)).containsOnly(0f); // zero state at the start
      assertThat(rec.h.get(1)).isNotEqualTo(new float[HIDDEN]);
    }
  }

  @Test
  void returnsAreDeterministicAndEpisodeIUsesItsPlaySeedKey() {
    for (String id : Envs.IDS) {
      if (Envs.isPixels(id)) {
        continue; // frames need a vision model's encoder, not the identity
      }
      MdnRnnCell cell = cell(id, 3);
      Controller ctl = randomLinear(id, 4);
      try (Env a = Envs.make(id);
          Env b = Envs.make(id)) {
        double[] first =
            RealEvaluation.returns(a, IdentityEncoder.INSTANCE, cell, ctl, 4, 10, Progress.NONE);
        double[] second =
            RealEvaluation.returns(b, IdentityEncoder.INSTANCE, cell, ctl, 4, 10, Progress.NONE);
        assertArrayEquals(first, second, id);
        assertEquals(
            first[2],
            RealEvaluation.episodeReturn(
                b, IdentityEncoder.INSTANCE, cell, ctl, SeedKey.play(10, 0, 2).seed()),
            0.0,
            id);
      }
    }
  }

  @Test
  void cartPoleReturnIsTheNumberOfSteps() {
    Recording rec = new Recording(randomLinear("cartpole", 8));
    try (Env env = Envs.make("cartpole")) {
      double ret =
          RealEvaluation.episodeReturn(env, IdentityEncoder.INSTANCE, cell("cartpole", 1), rec, 0);
      assertEquals(rec.a.size(), ret, 0.0);
      for (float[] a : rec.a) {
        assertThat(a[0] + a[1]).isEqualTo(1f); // one-hot
      }
    }
  }

  private Path model(String env, long seed) throws IOException {
    return TinyModel.write(tmp.resolve("model-" + env + "-" + seed), specOf(env), HIDDEN, seed);
  }

  private Path controllerFile(String env, Path model, long seed) throws IOException {
    Path file = tmp.resolve("ctl-" + env + "-" + seed + ".json");
    ControllerFile.of(randomLinear(env, seed), ModelReference.of(model)).write(file);
    return file;
  }

  @Test
  void playReadsTheFilesAndMatchesTheDirectLoop() throws IOException {
    Path model = model("pendulum", 1);
    Path ctl = controllerFile("pendulum", model, 2);
    double[] played =
        RealEvaluation.play(new PlayRequest(model, ctl, "pendulum", 3, 20), Progress.NONE);
    Checkpoint ckpt = Checkpoints.load(model, false);
    MdnRnnCell cell = new MdnRnnCell(ckpt.metadata().model(), ckpt.weights());
    try (Env env = Envs.make("pendulum")) {
      assertArrayEquals(
          RealEvaluation.returns(
              env,
              IdentityEncoder.INSTANCE,
              cell,
              randomLinear("pendulum", 2),
              3,
              20,
              Progress.NONE),
          played);
    }
    ModelReference ref = ControllerFile.read(ctl).model();
    assertEquals(new ModelReference(model.toString(), TinyModel.STEP, "fingerprint-1"), ref);
  }

  @Test
  void mismatchesAreRefusedBeforePlaying() throws IOException {
    Path cartModel = model("cartpole", 1);
    Path pendulumModel = model("pendulum", 1);
    Path cartCtl = controllerFile("cartpole", cartModel, 2);
    assertThatThrownBy(
            () ->
                RealEvaluation.play(
                    new PlayRequest(pendulumModel, cartCtl, "pendulum", 1, 0), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the controller does not fit model " + pendulumModel)
        .hasMessageContaining("z size 4 vs 3");
    assertThatThrownBy(
            () ->
                RealEvaluation.play(
                    new PlayRequest(cartModel, cartCtl, "pendulum", 1, 0), Progress.NONE))
        .hasMessageContaining("env pendulum gives latents of width 3");
    Path wider = TinyModel.write(tmp.resolve("wider"), specOf("cartpole"), HIDDEN + 1, 1);
    assertThatThrownBy(
            () ->
                RealEvaluation.play(
                    new PlayRequest(wider, cartCtl, "cartpole", 1, 0), Progress.NONE))
        .hasMessageContaining("hidden size 6 vs 7");
    assertThatThrownBy(
            () ->
                RealEvaluation.play(
                    new PlayRequest(tmp.resolve("none"), cartCtl, "cartpole", 1, 0), Progress.NONE))
        .hasMessageContaining("no such model directory");
  }

  @Test
  void boxControllerInADiscreteEnvIsRefused() {
    // Same widths (4 latents, 2 actions), different kind of action space.
    ControllerSpec box =
        ControllerSpec.linear(
            4,
            HIDDEN,
            new org.worldmodels.data.ActionSpec.Box(new double[] {0, 0}, new double[] {1, 1}));
    try (Env env = Envs.make("cartpole")) {
      assertThatThrownBy(
              () ->
                  RealEvaluation.requireCompatible(
                      box,
                      TinyModel.config(specOf("cartpole"), HIDDEN),
                      "m",
                      env,
                      IdentityEncoder.INSTANCE))
          .hasMessageContaining("env cartpole takes actions in Discrete(2)");
    }
  }

  @Test
  void requestChecksItsArguments() {
    Path p = tmp.resolve("x");
    assertThatThrownBy(() -> new PlayRequest(p, p, "mountaincar", 1, 0))
        .hasMessage(
            "env must be one of cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels,"
                + " got 'mountaincar'");
    assertThatThrownBy(() -> new PlayRequest(p, p, "cartpole", 0, 0))
        .hasMessage("episodes must be in [1, 1000000], got 0");
  }

  @Test
  void returnStatisticsUseDdofZero() {
    ReturnStatistics s = ReturnStatistics.of(new double[] {1, 2, 3, 4});
    assertEquals(4, s.episodes());
    assertEquals(2.5, s.mean(), 0.0);
    assertEquals(Math.sqrt(1.25), s.std(), 1e-15);
    assertEquals(0.0, ReturnStatistics.of(new double[] {500, 500, 500}).std(), 0.0);
    assertThatThrownBy(() -> ReturnStatistics.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
