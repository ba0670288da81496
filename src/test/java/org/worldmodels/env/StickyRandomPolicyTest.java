package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StickyRandomPolicyTest {
  @Test
  void withoutRepeatsItActsExactlyLikeTheUniformPolicy() {
    Space space = new Discrete(2);
    RandomPolicy uniform = new RandomPolicy(space, 4);
    StickyRandomPolicy sticky = new StickyRandomPolicy(space, 0, 4);
    uniform.reset(9);
    sticky.reset(9);
    for (int t = 0; t < 200; t++) {
      assertThat(sticky.act(null)).as("step " + t).isEqualTo(uniform.act(null));
    }
  }

  @Test
  void repeatsMakeLongRunsOfOneAction() {
    Space space = new Discrete(2);
    StickyRandomPolicy sticky = new StickyRandomPolicy(space, 0.9, 4);
    sticky.reset(1);
    int changes = 0;
    float[] last = sticky.act(null);
    int n = 20_000;
    for (int t = 1; t < n; t++) {
      float[] a = sticky.act(null);
      if (!java.util.Arrays.equals(a, last)) {
        changes++;
      }
      last = a;
    }
    // A fresh draw (probability 0.1) changes the action half the time: about n * 0.05 changes;
    // with 1000 expected, 4 standard deviations is about 125.
    assertThat(changes).isBetween(875, 1125);
  }
}
