package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.worldmodels.WorldModel;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.StepGraph;
import org.worldmodels.testing.TrainedModels;

class DreamDeterminismTest {
  static final int STEPS = 30;

  /** Dreams STEPS steps for rows with the given ids (in a batch of that many), fixed actions. */
  static float[][][] dream(WorldModel m, long seed, long[] ids, Backend backend) {
    int b = ids.length;
    DreamOptions o = DreamOptions.builder().batchSize(b).seed(seed).backend(backend).build();
    float[][][] traj = new float[b][STEPS][];
    try (DreamEnv env = m.dreamEnv(o)) {
      float[][] z = new float[b][];
      int[] rows = new int[b];
      for (int r = 0; r < b; r++) {
        rows[r] = r;
        z[r] = new float[] {1f, (float) (0.1 * ids[r])};
      }
      env.reset(rows, ids, z);
      for (int t = 0; t < STEPS; t++) {
        float[][] a = new float[b][1];
        for (int r = 0; r < b; r++) {
          a[r][0] = (float) Math.sin(t + ids[r]);
        }
        z = env.step(z, a).z();
        for (int r = 0; r < b; r++) {
          traj[r][t] = z[r];
        }
      }
    }
    return traj;
  }

  @Test
  void rowDoesNotDependOnItsBatchOnTheJavaPath() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      float[][][] alone = dream(m, 5, new long[] {17}, Backend.JAVA);
      long[] ids = new long[64];
      for (int i = 0; i < 64; i++) {
        ids[i] = i;
      }
      float[][][] batch = dream(m, 5, ids, Backend.JAVA);
      for (int t = 0; t < STEPS; t++) {
        assertThat(batch[17][t]).as("step " + t).isEqualTo(alone[0][t]);
      }
      float[][][] again = dream(m, 5, ids, Backend.JAVA);
      assertThat(again).isDeepEqualTo(batch);
      float[][][] otherSeed = dream(m, 6, ids, Backend.JAVA);
      assertThat(otherSeed[17][STEPS - 1]).isNotEqualTo(batch[17][STEPS - 1]);
    }
  }

  @Test
  void tensorFlowPathAgreesWithJavaPath() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      long[] ids = new long[64];
      for (int i = 0; i < 64; i++) {
        ids[i] = i;
      }
      float[][][] java = dream(m, 5, ids, Backend.JAVA);
      float[][][] tf = dream(m, 5, ids, Backend.TENSORFLOW);
      // Same draws, network outputs within float rounding: the first steps agree to 1e-4.
      for (int r = 0; r < 64; r++) {
        for (int t = 0; t < 5; t++) {
          for (int d = 0; d < 2; d++) {
            assertThat((double) tf[r][t][d])
                .as("row %d step %d", r, t)
                .isCloseTo(java[r][t][d], org.assertj.core.data.Offset.offset(1e-4));
          }
        }
      }
    }
  }

  @Test
  void cellAndStepGraphAgreeOnRandomInputs() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        StepGraph g = new StepGraph(m.config(), m.weights())) {
      MdnRnnCell cell = m.cell();
      int b = 8;
      int hs = m.config().hidden();
      int out = m.config().outputSize();
      SplittableRandom rng = new SplittableRandom(1);
      float[] z = rand(rng, b * 2, 2);
      float[] a = rand(rng, b, 1);
      float[] h = rand(rng, b * hs, 1);
      float[] c = rand(rng, b * hs, 1);
      float[] h2 = h.clone();
      float[] c2 = c.clone();
      float[] y = new float[b * out];
      float[] y2 = new float[b * out];
      g.step(b, z, a, h, c, y);
      MdnRnnCell.Workspace gates = cell.newWorkspace();
      for (int r = 0; r < b; r++) {
        cell.step(z, r * 2, a, r, h2, c2, r * hs, y2, r * out, gates);
      }
      for (int i = 0; i < y.length; i++) {
        assertThat((double) y2[i])
            .as("y[%d]", i)
            .isCloseTo(y[i], org.assertj.core.data.Offset.offset(1e-5));
      }
      for (int i = 0; i < h.length; i++) {
        assertThat((double) h2[i]).isCloseTo(h[i], org.assertj.core.data.Offset.offset(1e-5));
        assertThat((double) c2[i]).isCloseTo(c[i], org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  static float[] rand(SplittableRandom rng, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "TENSORFLOW"})
  void branchesFromOneSnapshotAreIdentical(Backend backend) throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv env =
            m.dreamEnv(DreamOptions.builder().batchSize(4).seed(9).backend(backend).build())) {
      float[][] z = {{1, 0}, {-1, 0}, {1, 1}, {-1, -1}};
      float[][] a = {{0.5f}, {-0.5f}, {0.1f}, {0.9f}};
      env.reset(z);
      z = env.step(z, a).z();
      DreamState snap = env.snapshot();
      float[][] b1 = z;
      for (int t = 0; t < 10; t++) {
        b1 = env.step(b1, a).z();
      }
      env.restore(snap);
      float[][] b2 = z;
      for (int t = 0; t < 10; t++) {
        b2 = env.step(b2, a).z();
      }
      assertThat(b2).isDeepEqualTo(b1);
    }
  }

  /**
   * On TensorFlow the LSTM state stays in tensors between steps: resetting some rows, reading the
   * hidden state and restoring a snapshot must act on it as on the Java arrays.
   */
  @Test
  void tensorFlowStateFollowsResetsHiddenAndRestore() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      long[] ids = {3, 4, 5, 6, 7, 8, 9, 10};
      float[][][] fresh = dream(m, 5, ids, Backend.TENSORFLOW);
      DreamOptions o =
          DreamOptions.builder().batchSize(8).seed(5).backend(Backend.TENSORFLOW).build();
      DreamOptions java = DreamOptions.builder().batchSize(8).seed(5).backend(Backend.JAVA).build();
      try (DreamEnv env = m.dreamEnv(o);
          DreamEnv reference = m.dreamEnv(java)) {
        float[][] z = new float[8][2];
        float[][] a = new float[8][1];
        env.reset(z);
        reference.reset(z);
        for (int t = 0; t < 7; t++) {
          env.step(z, a);
          reference.step(z, a);
        }
        float[][] hidden = env.hidden();
        float[][] javaHidden = reference.hidden();
        for (int r = 0; r < 8; r++) {
          for (int j = 0; j < hidden[r].length; j++) {
            assertThat((double) hidden[r][j])
                .isCloseTo(javaHidden[r][j], org.assertj.core.data.Offset.offset(1e-5));
          }
        }
        DreamState snap = env.snapshot();
        env.step(z, a);
        env.restore(snap);
        assertThat(env.hidden()).isDeepEqualTo(hidden);
        // Rows reset with the ids of the fresh dream's rows then dream exactly as it did.
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        float[][] zr = new float[8][];
        for (int r = 0; r < 8; r++) {
          zr[r] = new float[] {1f, (float) (0.1 * ids[r])};
        }
        env.reset(rows, ids, zr);
        assertThat(env.hidden()[2]).containsOnly(0f);
        for (int t = 0; t < STEPS; t++) {
          float[][] at = new float[8][1];
          for (int r = 0; r < 8; r++) {
            at[r][0] = (float) Math.sin(t + ids[r]);
          }
          zr = env.step(zr, at).z();
          for (int r = 0; r < 8; r++) {
            assertThat(zr[r]).as("row %d step %d", r, t).isEqualTo(fresh[r][t]);
          }
        }
      }
    }
  }

  @Test
  void surpriseIsHigherForAnUnlikelyTransition() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv env = m.dreamEnv(1, 1.0, 9)) {
      float[][] z = {{1, 0}};
      env.reset(z);
      assertThatThrownBy(() -> env.logLikelihood(z)).isInstanceOf(IllegalStateException.class);
      env.step(z, new float[][] {{0.9f}}); // upper mode very likely
      double likely = env.logLikelihood(new float[][] {{1f, 0f}})[0];
      double unlikely = env.logLikelihood(new float[][] {{-1f, 0f}})[0];
      double impossible = env.logLikelihood(new float[][] {{0f, 0f}})[0];
      assertThat(likely).isGreaterThan(unlikely);
      assertThat(unlikely).isGreaterThan(impossible);
    }
  }

  @Test
  void badArgumentsAreRefusedWithTheirValue() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      assertThatThrownBy(() -> m.dreamEnv(4, 0, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("temperature")
          .hasMessageContaining("0.0");
      assertThatThrownBy(() -> m.dreamEnv(4, -1, 1)).isInstanceOf(IllegalArgumentException.class);
      try (DreamEnv env = m.dreamEnv(2, 1, 1)) {
        assertThatThrownBy(
                () -> env.step(new float[][] {{1, 2, 3}, {1, 2, 3}}, new float[][] {{0}, {0}}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("z[0] has 3 values; expected 2");
        assertThatThrownBy(
                () -> env.step(new float[][] {{1, 2}, {1, 2}}, new float[][] {{0, 1}, {0, 1}}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("action[0] has 2 values; expected 1");
        env.close();
        env.close();
        assertThatThrownBy(() -> env.reset(new float[][] {{1, 2}, {1, 2}}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
      }
    }
  }
}
