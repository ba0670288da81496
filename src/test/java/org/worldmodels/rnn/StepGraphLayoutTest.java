package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The step graph's two layouts of the gates (one product from {@link
 * StepGraph#ONE_PRODUCT_FROM_BATCH} to {@link StepGraph#ONE_PRODUCT_BELOW_BATCH} rows, one per gate
 * outside) give the same bits: a dream's numbers do not depend on which layout its batch gets.
 */
class StepGraphLayoutTest {
  @Test
  void rowsStepTheSameInEitherLayoutAboveTheRange() {
    int large = StepGraph.ONE_PRODUCT_BELOW_BATCH + 8;
    assertThat(large / 2)
        .isBetween(StepGraph.ONE_PRODUCT_FROM_BATCH, StepGraph.ONE_PRODUCT_BELOW_BATCH - 1);
    stepsInHalvesAsInOne(large);
  }

  @Test
  void rowsStepTheSameInEitherLayoutBelowTheRange() {
    int large = StepGraph.ONE_PRODUCT_FROM_BATCH + 8;
    assertThat(large / 2).isLessThan(StepGraph.ONE_PRODUCT_FROM_BATCH);
    stepsInHalvesAsInOne(large);
  }

  /** Steps {@code large} rows at once and in two halves, which get the other layout. */
  private static void stepsInHalvesAsInOne(int large) {
    // World Models' sizes, where the two layouts differ most in speed.
    MdnRnnConfig config = MdnRnnConfig.withDefaults(32, 3, 256, 5, true, true);
    int half = large / 2;
    int hs = config.hidden();
    int out = config.outputSize();
    int zs = config.zSize();
    int as = config.actionSize();
    SplittableRandom rng = new SplittableRandom(7);
    MdnRnnWeights w = MdnRnnWeights.initial(config, new SplittableRandom(3));
    float[] h = random(rng, large * hs);
    float[] c = random(rng, large * hs);
    try (StepGraph g = new StepGraph(config, w)) {
      for (int t = 0; t < 3; t++) {
        float[] z = random(rng, large * zs);
        float[] a = random(rng, large * as);
        float[] yLarge = new float[large * out];
        float[] hLarge = h.clone();
        float[] cLarge = c.clone();
        g.step(large, z, a, hLarge, cLarge, yLarge);

        float[] ySmall = new float[large * out];
        for (int part = 0; part < 2; part++) {
          int from = part * half;
          float[] hPart = Arrays.copyOfRange(h, from * hs, (from + half) * hs);
          float[] cPart = Arrays.copyOfRange(c, from * hs, (from + half) * hs);
          float[] yPart = new float[half * out];
          g.step(
              half,
              Arrays.copyOfRange(z, from * zs, (from + half) * zs),
              Arrays.copyOfRange(a, from * as, (from + half) * as),
              hPart,
              cPart,
              yPart);
          System.arraycopy(hPart, 0, h, from * hs, hPart.length);
          System.arraycopy(cPart, 0, c, from * hs, cPart.length);
          System.arraycopy(yPart, 0, ySmall, from * out, yPart.length);
        }
        assertThat(ySmall).as("y at step %d", t).isEqualTo(yLarge);
        assertThat(h).as("h at step %d", t).isEqualTo(hLarge);
        assertThat(c).as("c at step %d", t).isEqualTo(cLarge);
      }
    }
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * rng.nextDouble() - 1);
    }
    return v;
  }
}
