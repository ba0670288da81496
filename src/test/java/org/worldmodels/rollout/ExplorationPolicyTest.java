package org.worldmodels.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.Episode;
import org.worldmodels.env.Box;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Space;

class ExplorationPolicyTest {
  static final float[] RIGHT = {0f, 1f};
  static final Policy ALWAYS_RIGHT = (slot, z, h) -> RIGHT.clone();

  @Test
  void noExplorationIsThePolicyItself() {
    assertThat(ExplorationPolicy.around(ALWAYS_RIGHT, new Discrete(2), 0)).isSameAs(ALWAYS_RIGHT);
  }

  @Test
  void exploresAtTheGivenRateWithUniformActions() {
    Space space = new Box(new float[] {-2f}, new float[] {2f});
    Policy still = (slot, z, h) -> new float[] {0f};
    Policy p = ExplorationPolicy.around(still, space, 0.25);
    int n = 20_000;
    int random = 0;
    int negative = 0;
    for (int e = 0; e < n / 100; e++) {
      p.start(0, e, 1000 + e);
      for (int t = 0; t < 100; t++) {
        float a = p.act(0, null, null)[0];
        if (a != 0f) {
          random++;
          negative += a < 0 ? 1 : 0;
          assertThat(a).isBetween(-2f, 2f);
        }
      }
    }
    // Binomial(20000, 0.25): sd about 61; 4 sd is 245. Half the random actions are negative.
    assertThat(random).isBetween(5000 - 245, 5000 + 245);
    assertThat((double) negative / random).isBetween(0.45, 0.55);
  }

  @Test
  void everyActionIsRandomAtOneAndTheWrappedPolicyStillActsEachStep() {
    int[] calls = new int[1];
    Policy counting =
        (slot, z, h) -> {
          calls[0]++;
          return RIGHT.clone();
        };
    Policy p = ExplorationPolicy.around(counting, new Discrete(2), 1);
    p.start(0, 0, 3);
    int left = 0;
    for (int t = 0; t < 400; t++) {
      left += p.act(0, null, null)[0] == 1f ? 1 : 0;
    }
    assertThat(calls[0]).isEqualTo(400);
    // Uniform one-hot: about half go left, which the wrapped policy never does.
    assertThat(left).isBetween(150, 250);
  }

  @Test
  void episodesDependOnTheirSeedAloneNotOnTheSlots() throws IOException {
    List<Episode> one = collect(1);
    List<Episode> three = collect(3);
    assertThat(three).hasSize(one.size());
    for (int i = 0; i < one.size(); i++) {
      assertThat(three.get(i).action()).as("episode " + i).isDeepEqualTo(one.get(i).action());
    }
    // The stream is keyed by the episode: two episodes explore differently.
    assertThat(Arrays.deepEquals(one.get(0).action(), one.get(1).action())).isFalse();
  }

  private static List<Episode> collect(int slots) throws IOException {
    try (RealWorld w = CollectTest.world("cartpole", slots)) {
      Policy p = ExplorationPolicy.around(CollectTest.BALANCING, w.actionSpace(), 0.3);
      return Collect.episodes(w, p, 6, 11, 2);
    }
  }

  @Test
  void aProbabilityOutsideZeroToOneIsRefused() {
    for (double e : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> ExplorationPolicy.around(ALWAYS_RIGHT, new Discrete(2), e))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exploration")
          .hasMessageContaining(String.valueOf(e));
    }
  }
}
