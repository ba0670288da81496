package org.worldmodels.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Space;

class StickyRandomPolicyTest {
  @Test
  void withoutRepeatsItActsExactlyLikeTheUniformPolicy() {
    Space space = new Discrete(2);
    RandomPolicy uniform = new RandomPolicy(space);
    StickyRandomPolicy sticky = new StickyRandomPolicy(space, 0);
    uniform.start(0, 0, 9);
    sticky.start(3, 0, 9);
    for (int t = 0; t < 200; t++) {
      assertThat(sticky.act(3, null, null)).as("step " + t).isEqualTo(uniform.act(0, null, null));
    }
  }

  @Test
  void repeatsMakeLongRunsOfOneAction() {
    Space space = new Discrete(2);
    StickyRandomPolicy sticky = new StickyRandomPolicy(space, 0.9);
    sticky.start(0, 0, 1);
    int changes = 0;
    float[] last = sticky.act(0, null, null);
    int n = 20_000;
    for (int t = 1; t < n; t++) {
      float[] a = sticky.act(0, null, null);
      if (!Arrays.equals(a, last)) {
        changes++;
      }
      last = a;
    }
    // A fresh draw (probability 0.1) changes the action half the time: about n * 0.05 changes;
    // with 1000 expected, 4 standard deviations is about 125.
    assertThat(changes).isBetween(875, 1125);
  }

  @Test
  void slotsRepeatTheirOwnLastActionAndAStartForgetsIt() {
    Space space = new Discrete(5);
    StickyRandomPolicy a = new StickyRandomPolicy(space, 0.9);
    StickyRandomPolicy b = new StickyRandomPolicy(space, 0.9);
    a.start(0, 0, 7);
    b.start(0, 0, 7);
    a.start(1, 1, 8);
    for (int t = 0; t < 100; t++) {
      a.act(1, null, null); // interleaved with slot 0: must not change slot 0's actions
      assertThat(a.act(0, null, null)).as("step " + t).isEqualTo(b.act(0, null, null));
    }
    a.start(0, 2, 7);
    StickyRandomPolicy fresh = new StickyRandomPolicy(space, 0.9);
    fresh.start(0, 0, 7);
    assertThat(a.act(0, null, null)).isEqualTo(fresh.act(0, null, null));
  }
}
