package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.worldmodels.tf.Clip;

class TrainConfigTest {
  @Test
  void stepScheduleDecaysAtHalfAndThreeQuarters() {
    TrainConfig c =
        new TrainConfig(10, 4, 100, 1e-3, 0.1, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 0, 10, 0.1);
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
    TrainConfig other =
        new TrainConfig(100, 100, 4000, 1e-3, 0.5, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 0, 500, 0.1);
    assertThat(other.sameRunAs(c)).isFalse();
    assertThat(c.differenceFrom(other)).contains("lr_decay is 1.0 in the checkpoint, 0.5 now");
  }

  /** Each component changed alone, through the canonical constructor: a new one is covered too. */
  @Test
  void everyComponentButStepsAndCheckpointEveryIsCompared() throws Exception {
    TrainConfig c = TrainConfig.defaults();
    RecordComponent[] components = TrainConfig.class.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    Constructor<TrainConfig> canonical = TrainConfig.class.getDeclaredConstructor(types);
    for (int i = 0; i < components.length; i++) {
      Object[] args = new Object[components.length];
      for (int j = 0; j < components.length; j++) {
        args[j] = components[j].getAccessor().invoke(c);
      }
      args[i] = changed(args[i]);
      TrainConfig other = canonical.newInstance(args);
      String name = components[i].getName();
      if (TrainConfig.RESUMABLE_CHANGES.contains(name)) {
        assertThat(c.differenceFrom(other)).as(name).isEmpty();
      } else {
        Object was = components[i].getAccessor().invoke(c);
        assertThat(c.differenceFrom(other))
            .as(name)
            .hasValue(
                TrainConfig.keyOf(name) + " is " + was + " in the checkpoint, " + args[i] + " now");
      }
    }
    assertThat(TrainConfig.keyOf("learningRate")).isEqualTo("lr");
    assertThat(TrainConfig.keyOf("seqLen")).isEqualTo("seq_len");
    assertThat(TrainConfig.keyOf("validationFraction")).isEqualTo("validation_fraction");
  }

  /** A valid value other than {@code v}. */
  private static Object changed(Object v) {
    if (v instanceof Integer i) {
      return i + 1;
    }
    if (v instanceof Long l) {
      return l + 1;
    }
    if (v instanceof Double d) {
      return d / 2;
    }
    if (v instanceof Clip.Kind k) {
      return k == Clip.Kind.VALUE ? Clip.Kind.GLOBAL_NORM : Clip.Kind.VALUE;
    }
    throw new AssertionError("no changed value for a " + v.getClass() + ": extend this test");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(
            () -> new TrainConfig(0, 4, 10, 1e-3, 1, TrainConfig.CLIP_KIND_DEFAULT, 1, 0, 10, 0.1))
        .hasMessageContaining("seq_len");
    assertThatThrownBy(
            () -> new TrainConfig(4, 4, 10, 1e-3, 0, TrainConfig.CLIP_KIND_DEFAULT, 1, 0, 10, 0.1))
        .hasMessageContaining("lr_decay");
    assertThatThrownBy(() -> TrainConfig.defaults().withBurnIn(-1))
        .hasMessage("burn_in must be in [0, 10000], got -1");
    assertThat(TrainConfig.defaults().burnIn()).isZero();
    assertThat(TrainConfig.defaults().withBurnIn(7).unrolledLength())
        .isEqualTo(TrainConfig.SEQ_LEN_DEFAULT + 7);
    assertThatThrownBy(() -> Clip.Kind.parse("sometimes"))
        .hasMessage("clip must be norm, value or none, got 'sometimes'");
  }
}
