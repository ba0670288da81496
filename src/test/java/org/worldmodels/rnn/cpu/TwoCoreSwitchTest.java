package org.worldmodels.rnn.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamEnvs;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/** The one switch that turns the two-core cell off, and that off gives the same bits. */
class TwoCoreSwitchTest {
  @Test
  void theSwitchReadsThePropertyThenTheEnvironment() {
    assertThat(TwoCoreCell.enabled(null, null)).isTrue();
    assertThat(TwoCoreCell.enabled("", " ")).isTrue();
    assertThat(TwoCoreCell.enabled("false", null)).isFalse();
    assertThat(TwoCoreCell.enabled(null, "0")).isFalse();
    assertThat(TwoCoreCell.enabled(null, "off")).isFalse();
    assertThat(TwoCoreCell.enabled(null, "1")).isTrue();
    // The property wins over the environment, both ways.
    assertThat(TwoCoreCell.enabled("TRUE", "0")).isTrue();
    assertThat(TwoCoreCell.enabled("0", "1")).isFalse();
    assertThatThrownBy(() -> TwoCoreCell.enabled("maybe", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("worldmodels.twoCoreCell must be 0/false/off or 1/true/on, got 'maybe'");
    assertThatThrownBy(() -> TwoCoreCell.enabled(null, "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WORLDMODELS_TWO_CORE_CELL")
        .hasMessageContaining("'2'");
  }

  @Test
  void offMeansUnusableWhateverTheThreads() {
    String before = System.getProperty(TwoCoreCell.SWITCH_PROPERTY);
    try {
      System.setProperty(TwoCoreCell.SWITCH_PROPERTY, "false");
      assertThat(TwoCoreCell.enabled()).isFalse();
      assertThat(TwoCoreCell.usable(64)).isFalse();
    } finally {
      restore(before);
    }
  }

  @Test
  void aDreamSwitchedOffGivesTheBitsOfOneSwitchedOn() {
    MdnRnnConfig config =
        new MdnRnnConfig(
            4, 2, 24, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    MdnRnnCell cell =
        new MdnRnnCell(config, MdnRnnWeights.initial(config, new SplittableRandom(11)));
    String before = System.getProperty(TwoCoreCell.SWITCH_PROPERTY);
    try {
      System.setProperty(TwoCoreCell.SWITCH_PROPERTY, "true");
      List<float[]> on = dream(config, cell);
      System.setProperty(TwoCoreCell.SWITCH_PROPERTY, "false");
      List<float[]> off = dream(config, cell);
      assertThat(off).hasSameSizeAs(on);
      for (int i = 0; i < on.size(); i++) {
        assertThat(off.get(i)).as("output " + i).isEqualTo(on.get(i));
      }
    } finally {
      restore(before);
    }
  }

  /**
   * 300 steps of a 3-row dream on the Java cell (below the two-core bound, so on two cores where
   * the switch and the machine allow): every sampled latent, reward, done flag and hidden state.
   */
  private static List<float[]> dream(MdnRnnConfig config, MdnRnnCell cell) {
    int rows = 3;
    DreamOptions options =
        DreamOptions.builder().batchSize(rows).seed(5).backend(Backend.JAVA).build();
    List<float[]> out = new ArrayList<>();
    try (DreamEnv dream = DreamEnvs.open(config, cell, () -> null, options)) {
      float[][] z = new float[rows][config.zSize()];
      dream.reset(z);
      SplittableRandom actions = new SplittableRandom(3);
      for (int t = 0; t < 300; t++) {
        float[][] a = new float[rows][config.actionSize()];
        for (float[] row : a) {
          for (int j = 0; j < row.length; j++) {
            row[j] = (float) (2 * actions.nextDouble() - 1);
          }
        }
        DreamStep step = dream.step(z, a);
        z = step.z();
        for (int r = 0; r < rows; r++) {
          out.add(z[r]);
          out.add(dream.hidden()[r]);
          out.add(new float[] {step.reward()[r], step.done()[r] ? 1 : 0});
        }
      }
    }
    return out;
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(TwoCoreCell.SWITCH_PROPERTY);
    } else {
      System.setProperty(TwoCoreCell.SWITCH_PROPERTY, before);
    }
  }
}
