package org.worldmodels.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedKeyTest {

  @Test
  void neighbouringRunSeedsShareNoCollectedStart() {
    Set<Long> seed0 = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      seed0.add(SeedKey.collect(0, 0, i).seed());
    }
    for (int i = 0; i < 5000; i++) {
      assertThat(seed0).doesNotContain(SeedKey.collect(1, 0, i).seed());
    }
    assertThat(seed0).hasSize(5000);
  }

  @Test
  void phasesRoundsAndCandidatesAreApart() {
    long collect = SeedKey.collect(3, 0, 9).seed();
    assertThat(SeedKey.play(3, 0, 9).seed()).isNotEqualTo(collect);
    assertThat(SeedKey.collect(3, 1, 9).seed()).isNotEqualTo(collect);
    assertThat(SeedKey.control(3, 0, 0, 0, 9).seed()).isNotEqualTo(collect);
    assertThat(SeedKey.control(3, 0, 0, 1, 9).seed())
        .isNotEqualTo(SeedKey.control(3, 0, 1, 0, 9).seed());
    assertThat(SeedKey.dream(3, 9).seed()).isNotEqualTo(collect);
  }

  @Test
  void theSeedIsTheWrittenHash() {
    // docs/architecture.md, "Seeds": mix(run, tag, round, generation, candidate, episode).
    SeedKey k = new SeedKey(11, SeedPhase.CONTROL, 2, 3, 4, 5);
    assertThat(k.seed()).isEqualTo(Seeds.mix(11, 2, 2, 3, 4, 5));
    assertThat(k.withEpisode(6).seed()).isEqualTo(Seeds.mix(11, 2, 2, 3, 4, 6));
  }

  @Test
  void negativePartsAreRefused() {
    assertThatThrownBy(() -> SeedKey.collect(0, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round");
    assertThatThrownBy(() -> SeedKey.play(0, 0, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episode");
  }
}
