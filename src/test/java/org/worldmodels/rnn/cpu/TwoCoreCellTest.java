package org.worldmodels.rnn.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/** The two-core cell against the one-core cell: the same bits, step after step. */
class TwoCoreCellTest {
  static final MdnRnnConfig CAR_RACING =
      new MdnRnnConfig(
          32, 3, 256, 5, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);

  /** The whole slice over {@code weights}, as {@link MdnRnnCell} builds it. */
  static CellSlice whole(MdnRnnConfig config, MdnRnnWeights weights) {
    return CellSlice.whole(
        config.zSize(),
        config.actionSize(),
        config.hidden(),
        weights.lstmKernel(),
        weights.lstmBias(),
        weights.headKernel(),
        weights.headBias());
  }

  /** A two-core cell over {@code weights} that always takes two cores. */
  static TwoCoreCell alwaysTwo(
      MdnRnnConfig config, MdnRnnWeights weights, int rows, long retireNanos) {
    return new TwoCoreCell(whole(config, weights), rows, CoreChoice.alwaysTwo(), retireNanos);
  }

  /**
   * Runs both cells side by side for {@code steps} steps over fresh random inputs (scaled up so
   * that gates saturate too) and compares h, c and y bitwise after every step.
   */
  static void assertSameBits(MdnRnnConfig config, int rows, int steps, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MdnRnnWeights weights = MdnRnnWeights.initial(config, rng);
    MdnRnnCell cell = new MdnRnnCell(config, weights);
    int zs = config.zSize();
    int as = config.actionSize();
    int hs = config.hidden();
    int out = config.outputSize();
    float[] h1 = new float[rows * hs];
    float[] c1 = new float[rows * hs];
    float[] y1 = new float[rows * out];
    float[] h2 = new float[rows * hs];
    float[] c2 = new float[rows * hs];
    float[] y2 = new float[rows * out];
    MdnRnnCell.Workspace work = cell.newWorkspace();
    try (TwoCoreCell two = alwaysTwo(config, weights, rows, TwoCoreCell.RETIRE_NANOS)) {
      for (int t = 0; t < steps; t++) {
        float[] z = random(rng, rows * zs, 1 + t % 7);
        float[] a = random(rng, rows * as, 1);
        for (int r = 0; r < rows; r++) {
          cell.step(z, r * zs, a, r * as, h1, c1, r * hs, y1, r * out, work);
        }
        two.step(rows, z, a, h2, c2, y2);
        String at = config.hidden() + " units, " + rows + " rows, step " + t;
        assertThat(h2).as("h, " + at).isEqualTo(h1);
        assertThat(c2).as("c, " + at).isEqualTo(c1);
        assertThat(y2).as("y, " + at).isEqualTo(y1);
      }
    }
  }

  static float[] random(SplittableRandom rng, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
    }
    return v;
  }

  @Test
  void givesTheOneCoreBitsAtCarRacingShapes() {
    assertSameBits(CAR_RACING, 1, 500, 1);
    assertSameBits(CAR_RACING, 3, 100, 2);
  }

  @Test
  void givesTheOneCoreBitsForOddAndTinyWidths() {
    // Odd unit and head-column counts split unevenly; with one unit the first half has none.
    assertSameBits(
        new MdnRnnConfig(
            3,
            2,
            7,
            3,
            org.worldmodels.mdn.ComponentFamily.parse("laplace"),
            org.worldmodels.mdn.ScaleActivation.ELU_PLUS_ONE,
            true,
            false,
            10),
        2,
        200,
        3);
    assertSameBits(
        new MdnRnnConfig(
            1, 0, 1, 1, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10),
        1,
        50,
        4);
  }

  @Test
  void closeStopsTheHelperAndRefusesFurtherSteps() throws Exception {
    MdnRnnConfig config =
        new MdnRnnConfig(
            2, 1, 8, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    MdnRnnWeights weights = MdnRnnWeights.initial(config, new SplittableRandom(5));
    TwoCoreCell two = alwaysTwo(config, weights, 1, TwoCoreCell.RETIRE_NANOS);
    float[] h = new float[8];
    float[] c = new float[8];
    float[] y = new float[config.outputSize()];
    two.step(1, new float[2], new float[1], h, c, y);
    Thread helper = two.helper();
    assertThat(helper.isDaemon()).isTrue();
    assertThat(helper.isAlive()).isTrue();
    two.close();
    helper.join(5000);
    assertThat(helper.isAlive()).as("helper alive after close").isFalse();
    two.close();
    assertThatThrownBy(() -> two.step(1, new float[2], new float[1], h, c, y))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anIdleHelperRetiresAndTheNextStepStartsAnother() throws Exception {
    MdnRnnConfig config =
        new MdnRnnConfig(
            4, 2, 16, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    SplittableRandom rng = new SplittableRandom(6);
    MdnRnnWeights weights = MdnRnnWeights.initial(config, rng);
    MdnRnnCell cell = new MdnRnnCell(config, weights);
    int out = config.outputSize();
    float[] h1 = new float[16];
    float[] c1 = new float[16];
    float[] y1 = new float[out];
    float[] h2 = new float[16];
    float[] c2 = new float[16];
    float[] y2 = new float[out];
    MdnRnnCell.Workspace work = cell.newWorkspace();
    long retire = 20_000_000L;
    try (TwoCoreCell two = alwaysTwo(config, weights, 1, retire)) {
      Thread first = null;
      for (int round = 0; round < 3; round++) {
        for (int t = 0; t < 20; t++) {
          float[] z = random(rng, 4, 2);
          float[] a = random(rng, 2, 1);
          cell.step(z, 0, a, 0, h1, c1, 0, y1, 0, work);
          two.step(1, z, a, h2, c2, y2);
          assertThat(y2).as("y, round " + round + ", step " + t).isEqualTo(y1);
          assertThat(h2).isEqualTo(h1);
          assertThat(c2).isEqualTo(c1);
        }
        Thread helper = two.helper();
        assertThat(helper).as("round " + round).isNotSameAs(first);
        helper.join(5000);
        assertThat(helper.isAlive()).as("helper alive after idling, round " + round).isFalse();
        first = helper;
      }
    }
  }

  @Test
  void shortArraysAreRefusedBeforeAnyWork() {
    MdnRnnConfig config =
        new MdnRnnConfig(
            2, 1, 8, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    MdnRnnCell cell =
        new MdnRnnCell(config, MdnRnnWeights.initial(config, new SplittableRandom(5)));
    try (TwoCoreCell two = cell.onTwoCores(2)) {
      float[] y = new float[2 * config.outputSize()];
      assertThatThrownBy(
              () -> two.step(2, new float[4], new float[2], new float[8], new float[16], y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2 rows");
      assertThatThrownBy(
              () -> two.step(3, new float[6], new float[3], new float[24], new float[24], y))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rows");
    }
  }
}
