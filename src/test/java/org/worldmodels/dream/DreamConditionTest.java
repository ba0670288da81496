package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.worldmodels.WorldModel;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.testing.TrainedModels;

class DreamConditionTest {
  static final int B = 5;
  static final int K = 6;
  static final long SEED = 11;

  /** A recorded-looking prefix for row {@code i}: K latents [2] and actions [1]. */
  static float[][][] prefix(int i) {
    float[][] z = new float[K][];
    float[][] a = new float[K][];
    for (int t = 0; t < K; t++) {
      z[t] = new float[] {(float) Math.cos(t + i), (float) (0.3 * Math.sin(2 * t - i))};
      a[t] = new float[] {(float) Math.sin(t * i + 1)};
    }
    return new float[][][] {z, a};
  }

  /** h after feeding the prefix step by step through the cell from a zero state. */
  static float[] byCell(MdnRnnCell cell, float[][] z, float[][] a, int hs, int out) {
    float[] h = new float[hs];
    float[] c = new float[hs];
    float[] y = new float[out];
    MdnRnnCell.Workspace w = cell.newWorkspace();
    for (int t = 0; t < z.length; t++) {
      cell.step(z[t], 0, a[t], 0, h, c, 0, y, 0, w);
    }
    return h;
  }

  static DreamEnv open(WorldModel m, Backend backend) {
    return m.dreamEnv(DreamOptions.builder().batchSize(B).seed(SEED).backend(backend).build());
  }

  static float[][] steps(DreamEnv env, float[][] z, int n) {
    float[][] last = z;
    float[][] all = new float[n * B][];
    for (int t = 0; t < n; t++) {
      float[][] a = new float[B][1];
      for (int r = 0; r < B; r++) {
        a[r][0] = (float) Math.cos(t - r);
      }
      last = env.step(last, a).z();
      System.arraycopy(last, 0, all, t * B, B);
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void conditionedRowsHoldTheStateTheCellComputesAndTheOthersKeepTheirs(Backend backend)
      throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv env = open(m, backend)) {
      int hs = m.config().hidden();
      float[][] z0 = new float[B][2];
      env.reset(z0);
      steps(env, z0, 3); // give every row a state of its own
      float[][] before = env.hidden();
      int[] rows = {3, 1};
      float[][][] p3 = prefix(3);
      float[][][] p1 = prefix(1);
      env.condition(
          rows,
          new long[] {30, 10},
          new float[][][] {p3[0], p1[0]},
          new float[][][] {p3[1], p1[1]});
      float[][] after = env.hidden();
      float[] want3 = byCell(m.cell(), p3[0], p3[1], hs, m.config().outputSize());
      float[] want1 = byCell(m.cell(), p1[0], p1[1], hs, m.config().outputSize());
      assertThat(want3).isNotEqualTo(new float[hs]); // the prefix changed the state
      if (backend == Backend.JAVA) {
        assertThat(after[3]).isEqualTo(want3);
        assertThat(after[1]).isEqualTo(want1);
      } else {
        for (int j = 0; j < hs; j++) {
          assertThat(after[3][j]).isCloseTo(want3[j], Offset.offset(1e-5f));
          assertThat(after[1][j]).isCloseTo(want1[j], Offset.offset(1e-5f));
        }
      }
      for (int r : new int[] {0, 2, 4}) {
        assertThat(after[r]).as("row %d untouched", r).isEqualTo(before[r]);
      }
      // No draw was made: the streams are those of fresh row ids 30 and 10.
      long[] rng = ((BatchedDream) env).snapshot().rng();
      assertThat(rng[3]).isEqualTo(RowRandom.of(SEED, 30).state());
      assertThat(rng[1]).isEqualTo(RowRandom.of(SEED, 10).state());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anEmptyPrefixIsAPlainResetBitForBit(Backend backend) throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv a = open(m, backend);
        DreamEnv b = open(m, backend)) {
      float[][] z0 = new float[B][];
      int[] rows = new int[B];
      long[] ids = new long[B];
      float[][][] none = new float[B][0][];
      for (int r = 0; r < B; r++) {
        rows[r] = r;
        ids[r] = 100 + r;
        z0[r] = new float[] {0.5f * r, -0.2f};
      }
      a.reset(z0);
      b.reset(z0);
      steps(a, z0, 2);
      steps(b, z0, 2);
      a.reset(rows, ids, z0);
      b.condition(rows, ids, none, none);
      assertThat(steps(b, z0, 8)).isDeepEqualTo(steps(a, z0, 8));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aConditionedRowDreamsAsARowGivenThatStateByHand(Backend backend) throws Exception {
    // Feeding the prefix through step() by hand consumes draws; condition must not, so the
    // dreamed future equals a hand-fed row's whose stream is restored to the fresh one.
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv cond = open(m, backend);
        DreamEnv hand = open(m, backend)) {
      float[][][] p = prefix(2);
      int[] all = {0, 1, 2, 3, 4};
      long[] ids = {7, 8, 9, 10, 11};
      float[][][] zs = new float[B][][];
      float[][][] as = new float[B][][];
      for (int r = 0; r < B; r++) {
        zs[r] = p[0];
        as[r] = p[1];
      }
      cond.condition(all, ids, zs, as);
      hand.reset(all, ids, new float[B][2]);
      for (int t = 0; t < K; t++) {
        float[][] z = new float[B][];
        float[][] a = new float[B][];
        for (int r = 0; r < B; r++) {
          z[r] = p[0][t];
          a[r] = p[1][t];
        }
        hand.step(z, a);
      }
      DreamState s = hand.snapshot();
      long[] fresh = new long[B];
      for (int r = 0; r < B; r++) {
        fresh[r] = RowRandom.of(SEED, ids[r]).state();
      }
      hand.restore(new DreamState(s.h(), s.c(), fresh, s.y(), s.stepped()));
      float[][] start = new float[B][];
      for (int r = 0; r < B; r++) {
        start[r] = new float[] {0.1f, 0.2f};
      }
      assertThat(steps(cond, start, 10)).isDeepEqualTo(steps(hand, start, 10));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void badPrefixesAreRefusedBeforeAnythingChanges(Backend backend) throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamEnv env = open(m, backend)) {
      float[][] z0 = new float[B][2];
      env.reset(z0);
      steps(env, z0, 2);
      float[][] before = env.hidden();
      float[][][] p = prefix(0);
      float[][] shortZ = java.util.Arrays.copyOf(p[0], K - 1);
      assertThatThrownBy(
              () ->
                  env.condition(
                      new int[] {0, 1},
                      new long[] {1, 2},
                      new float[][][] {p[0], shortZ},
                      new float[][][] {p[1], p[1]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zPrefix[1]");
      float[][] nan = {p[0][0].clone()};
      nan[0][1] = Float.NaN;
      assertThatThrownBy(
              () ->
                  env.condition(
                      new int[] {2},
                      new long[] {1},
                      new float[][][] {nan},
                      new float[][][] {new float[][] {p[1][0]}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NaN");
      assertThatThrownBy(
              () ->
                  env.condition(
                      new int[] {B},
                      new long[] {1},
                      new float[][][] {p[0]},
                      new float[][][] {p[1]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("row " + B);
      assertThat(env.hidden()).isDeepEqualTo(before);
    }
  }
}
