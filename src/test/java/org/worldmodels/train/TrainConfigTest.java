package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
  @Test
  void stepScheduleDecaysAtHalfAndThreeQuarters() {
    TrainConfig c = new TrainConfig(10, 4, 100, 1e-3, 0.1, "norm", 1.0, 0, 10, 0.1);
    assertThat(c.learningRateAt(0)).isEqualTo(1e-3);
    assertThat(c.learningRateAt(49)).isEqualTo(1e-3);
    assertThat(c.learningRateAt(50)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(c.learningRateAt(74)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(c.learningRateAt(75)).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-16));
    assertThat(TrainConfig.defaults().learningRateAt(3999)).isEqualTo(1e-3);
  }

  @Test
  void resumeMayChangeOnlyStepsAndCheckpointEvery() {
    TrainConfig c = TrainConfig.defaults();
    assertThat(c.withSteps(10).withCheckpointEvery(3).sameRunAs(c)).isTrue();
    TrainConfig other = new TrainConfig(100, 100, 4000, 1e-3, 0.5, "norm", 1.0, 0, 500, 0.1);
    assertThat(other.sameRunAs(c)).isFalse();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> new TrainConfig(0, 4, 10, 1e-3, 1, "norm", 1, 0, 10, 0.1))
        .hasMessageContaining("seq_len");
    assertThatThrownBy(() -> new TrainConfig(4, 4, 10, 1e-3, 0, "norm", 1, 0, 10, 0.1))
        .hasMessageContaining("lr_decay");
    assertThatThrownBy(() -> new TrainConfig(4, 4, 10, 1e-3, 1, "sometimes", 1, 0, 10, 0.1))
        .hasMessageContaining("clip must be norm, value or none");
  }
}
