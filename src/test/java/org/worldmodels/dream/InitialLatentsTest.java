package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;

class InitialLatentsTest {
  /** Episode i has i + 1 steps; z[t] = (i, t), a[t] = (10 i + t). */
  static Dataset data() {
    List<Episode> eps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      float[][] z = new float[i + 2][];
      float[][] a = new float[i + 1][];
      for (int t = 0; t <= i + 1; t++) {
        z[t] = new float[] {i, t};
        if (t <= i) {
          a[t] = new float[] {10 * i + t};
        }
      }
      eps.add(Episode.ofTransitions(z, a));
    }
    return Dataset.of(eps, null);
  }

  @Test
  void aContextOfZeroDrawsTheStartsOfBefore() {
    InitialLatents plain = InitialLatents.from(data());
    InitialLatents zero = InitialLatents.from(data(), 0);
    assertThat(zero.size()).isEqualTo(6);
    for (long e = 0; e < 200; e++) {
      InitialLatents.Start s = zero.start(9, e);
      assertThat(s.zPrefix()).isEmpty();
      assertThat(s.aPrefix()).isEmpty();
      assertThat(s.z()).isEqualTo(plain.forEpisode(9, e));
      assertThat(s.z()[1]).isZero();
    }
  }

  @Test
  void aContextStartsAtZkOfAnEpisodeLongerThanKWithItsPrefix() {
    int k = 3;
    InitialLatents starts = InitialLatents.from(data(), k);
    assertThat(starts.size()).isEqualTo(3); // episodes 3, 4 and 5 have more than 3 steps
    assertThat(starts.context()).isEqualTo(k);
    java.util.Set<Float> picked = new java.util.HashSet<>();
    for (long e = 0; e < 100; e++) {
      InitialLatents.Start s = starts.start(9, e);
      float i = s.z()[0];
      picked.add(i);
      assertThat(i).isGreaterThanOrEqualTo(3f);
      assertThat(s.z()).containsExactly(i, k);
      for (int t = 0; t < k; t++) {
        assertThat(s.zPrefix()[t]).containsExactly(i, t);
        assertThat(s.aPrefix()[t]).containsExactly(10 * i + t);
      }
      assertThat(starts.start(9, e).z()).isEqualTo(s.z()); // (seed, episode) alone decides
    }
    assertThat(picked).containsExactlyInAnyOrder(3f, 4f, 5f);
  }

  @Test
  void aContextNoEpisodeExceedsIsRefused() {
    assertThatThrownBy(() -> InitialLatents.from(data(), 6, 2, "--initial d", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context 6: no episode of --initial d is longer than 6 steps (the longest has 6)");
    assertThatThrownBy(() -> InitialLatents.from(data(), -1))
        .hasMessage("context -1: expected >= 0 steps");
  }
}
