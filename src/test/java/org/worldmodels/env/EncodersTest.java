package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EncoderSpec;

/** Opening the encoder a data spec records, and the identity encoder's shapes. */
class EncodersTest {
  private static final Path MODEL = Path.of("runs", "model");

  @Test
  void identitySpecsOpenTheIdentityEncoder() {
    DataSpec implicit = new DataSpec(4, new ActionSpec.Discrete(2), 500, "cartpole");
    DataSpec explicit =
        new DataSpec(4, new ActionSpec.Discrete(2), 500, "cartpole", EncoderSpec.IDENTITY);
    try (Encoder a = Encoders.open(implicit, MODEL);
        Encoder b = Encoders.open(explicit, MODEL)) {
      assertThat(a).isSameAs(IdentityEncoder.INSTANCE).isSameAs(b);
      float[] obs = {1f, -2f, 3f, 0.5f};
      float[] z = a.encode(obs);
      assertThat(z).containsExactly(obs).isNotSameAs(obs);
    }
    IdentityEncoder.INSTANCE.close(); // closing the shared instance again is harmless
    assertThat(IdentityEncoder.INSTANCE.encode(new float[] {7f})).containsExactly(7f);
  }

  @Test
  void aVaeSpecOpensTheModelsVaeAndAModelWithoutOneIsRefused() {
    DataSpec vae =
        new DataSpec(
            32,
            new ActionSpec.Discrete(2),
            500,
            "cartpole-pixels",
            EncoderSpec.vae("ab".repeat(32)));
    assertThatThrownBy(() -> Encoders.open(vae, MODEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(MODEL + ": no vae/ directory");
    assertThatThrownBy(() -> Encoders.open(null, MODEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void specsOfFramesWithoutZOpenNoEncoderAndRecordingFramesHasNoLatent() {
    DataSpec frames = DataSpec.frames(64, 64, new ActionSpec.Discrete(2), 500, "cartpole-pixels");
    assertThatThrownBy(() -> Encoders.open(frames, Path.of("m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m: the data spec records frames without z_size; encode them with vae encode");
    Box frame = Box.uniform(new int[] {64, 64, 3}, 0f, 1f);
    assertThat(NoLatentEncoder.INSTANCE.zSize(frame)).isZero();
    assertThat(NoLatentEncoder.INSTANCE.encode(new float[frame.dimension()])).isEmpty();
  }

  @Test
  void identityLatentWidthIsTheVectorWidth() {
    assertThat(IdentityEncoder.INSTANCE.zSize(new CartPoleEnv().observationSpace())).isEqualTo(4);
    assertThat(IdentityEncoder.INSTANCE.zSize(new PendulumEnv().observationSpace())).isEqualTo(3);
    assertThat(IdentityEncoder.INSTANCE.zSize(new Discrete(3))).isEqualTo(3);
  }

  @Test
  void identityRefusesFrames() {
    Box frame = Box.uniform(new int[] {64, 64, 3}, 0f, 255f);
    assertThatThrownBy(() -> IdentityEncoder.INSTANCE.zSize(frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the identity encoder reads vector observations, got shape [64, 64, 3]; frames need a"
                + " learned encoder (vae)");
  }
}
