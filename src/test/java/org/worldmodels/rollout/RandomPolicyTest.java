package org.worldmodels.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.worldmodels.env.Box;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Space;

class RandomPolicyTest {

  private static float[][] draw(Policy p, int slot, int n) {
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = p.act(slot, new float[] {0f}, new float[0]);
    }
    return out;
  }

  private static RandomPolicy started(Space space, int slot, long seed) {
    RandomPolicy p = new RandomPolicy(space);
    p.start(slot, 0, seed);
    return p;
  }

  @Test
  void sameEpisodeSeedSameActionsDifferentSeedDifferent() {
    Box box = Box.uniform(2, -2f, 2f);
    assertThat(draw(started(box, 0, 4), 0, 50)).isDeepEqualTo(draw(started(box, 0, 4), 0, 50));
    assertThat(Arrays.deepEquals(draw(started(box, 0, 4), 0, 50), draw(started(box, 0, 5), 0, 50)))
        .isFalse();
  }

  @Test
  void anEpisodeDependsOnItsSeedAloneNotOnItsSlotOrTheEpisodesBefore() {
    Discrete d = new Discrete(3);
    RandomPolicy used = started(d, 2, 1);
    draw(used, 2, 17);
    used.start(2, 9, 30);
    used.start(0, 4, 31); // another slot's episode does not disturb slot 2
    draw(used, 0, 5);
    assertThat(draw(used, 2, 40)).isDeepEqualTo(draw(started(d, 0, 30), 0, 40));
    assertThat(Arrays.deepEquals(draw(started(d, 0, 31), 0, 40), draw(started(d, 0, 30), 0, 40)))
        .isFalse();
  }

  @Test
  void actionsLieInTheSpace() {
    for (Space space : new Space[] {new Discrete(2), Box.uniform(1, -2f, 2f)}) {
      for (float[] a : draw(started(space, 0, 0), 0, 500)) {
        assertThat(space.contains(a)).as("%s in %s", Arrays.toString(a), space).isTrue();
      }
    }
  }

  @Test
  void discreteActionsAreRoughlyBalanced() {
    Discrete d = new Discrete(2);
    int right = 0;
    for (float[] a : draw(started(d, 0, 12), 0, 2000)) {
      right += d.index(a);
    }
    // Binomial(2000, 0.5): sd about 22.
    assertThat(right).isBetween(900, 1100);
  }

  @Test
  void needsASpaceAndAStart() {
    assertThatThrownBy(() -> new RandomPolicy(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actionSpace must not be null");
    RandomPolicy p = started(new Discrete(2), 0, 0);
    assertThatThrownBy(() -> p.act(1, null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slot 1 has no episode: call start before act");
  }
}
