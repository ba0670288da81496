package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomPolicyTest {

  private static float[][] draw(Policy p, int n) {
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = p.act(new float[] {0f});
    }
    return out;
  }

  @Test
  void sameSeedSameActionsDifferentSeedDifferent() {
    Box box = Box.uniform(2, -2f, 2f);
    assertThat(draw(new RandomPolicy(box, 4), 50))
        .isDeepEqualTo(draw(new RandomPolicy(box, 4), 50));
    assertThat(
            Arrays.deepEquals(
                draw(new RandomPolicy(box, 4), 50), draw(new RandomPolicy(box, 5), 50)))
        .isFalse();
  }

  @Test
  void resetMakesAnEpisodeIndependentOfTheOnesBefore() {
    Discrete d = new Discrete(3);
    RandomPolicy used = new RandomPolicy(d, 1);
    draw(used, 17);
    used.reset(30);
    RandomPolicy fresh = new RandomPolicy(d, 1);
    fresh.reset(30);
    assertThat(draw(used, 40)).isDeepEqualTo(draw(fresh, 40));

    RandomPolicy other = new RandomPolicy(d, 1);
    other.reset(31);
    fresh.reset(30);
    assertThat(Arrays.deepEquals(draw(other, 40), draw(fresh, 40))).isFalse();
  }

  @Test
  void actionsLieInTheSpace() {
    for (Space space : new Space[] {new Discrete(2), Box.uniform(1, -2f, 2f)}) {
      RandomPolicy p = new RandomPolicy(space, 0);
      for (float[] a : draw(p, 500)) {
        assertThat(space.contains(a)).as("%s in %s", Arrays.toString(a), space).isTrue();
      }
    }
  }

  @Test
  void discreteActionsAreRoughlyBalanced() {
    Discrete d = new Discrete(2);
    int right = 0;
    for (float[] a : draw(new RandomPolicy(d, 12), 2000)) {
      right += d.index(a);
    }
    // Binomial(2000, 0.5): sd about 22.
    assertThat(right).isBetween(900, 1100);
  }

  @Test
  void needsASpace() {
    assertThatThrownBy(() -> new RandomPolicy(null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actionSpace must not be null");
  }
}
