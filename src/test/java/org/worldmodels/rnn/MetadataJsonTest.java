package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.ScaleActivation;
import org.worldmodels.tf.Clip;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Json;

/**
 * Checkpoint metadata written before the choices became enums (family, sigma, clip as strings, the
 * latent range as {@code data.LatentRange}) still loads, and is written back byte for byte.
 */
class MetadataJsonTest {
  /** {@code metadata.json} as the code before issue 10 wrote it (laplace, elu, clip by value). */
  static final String WRITTEN_BEFORE =
      """
      {
        "format" : "worldmodels-mdnrnn",
        "formatVersion" : 1,
        "libraryVersion" : "0.9.0",
        "step" : 40,
        "model" : {
          "zSize" : 2,
          "actionSize" : 1,
          "hidden" : 8,
          "mixtures" : 3,
          "family" : "laplace",
          "sigma" : "elu",
          "rewardHead" : true,
          "doneHead" : false,
          "donePositiveWeight" : 10.0
        },
        "train" : {
          "seqLen" : 6,
          "batch" : 8,
          "steps" : 40,
          "learningRate" : 0.001,
          "lrDecay" : 0.5,
          "clip" : "value",
          "clipThreshold" : 2.0,
          "seed" : 3,
          "checkpointEvery" : 20,
          "validationFraction" : 0.1
        },
        "dataSpec" : {
          "z_size" : 2
        },
        "dataFingerprint" : "abc",
        "latentRange" : {
          "min" : [ -0.25, 1.0E-7 ],
          "max" : [ 3.5, 2.0 ]
        },
        "threads" : 2,
        "figures" : {
          "train_nll_per_dim" : -1.5
        },
        "seconds" : 1.25,
        "created" : "2026-01-01T00:00:00Z"
      }
      """;

  @TempDir Path tmp;

  @Test
  void metadataWrittenBeforeLoadsAsEnumsAndIsWrittenBackUnchanged() throws IOException {
    Path file = tmp.resolve("metadata.json");
    Files.writeString(file, WRITTEN_BEFORE);
    CheckpointMetadata m = Json.read(file, CheckpointMetadata.class);
    assertThat(m.model().family()).isSameAs(ComponentFamily.parse("laplace"));
    assertThat(m.model().sigma()).isSameAs(ScaleActivation.ELU_PLUS_ONE);
    TrainConfig train = Trainer.trainConfigOf(m.train());
    assertThat(train.clip()).isSameAs(Clip.Kind.VALUE);
    assertThat(train.lrDecay()).isEqualTo(0.5);
    assertThat(m.latentRange().min()).containsExactly(-0.25f, 1e-7f);
    assertThat(m.latentRange().max()).containsExactly(3.5f, 2f);
    assertThat(Json.pretty(m)).isEqualTo(WRITTEN_BEFORE);
  }

  @Test
  void aDefaultConfigIsWrittenWithTheStringsOfBefore() {
    MdnRnnConfig c =
        new MdnRnnConfig(
            2, 1, 8, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    assertThat(Json.line(c)).contains("\"family\":\"gaussian\",\"sigma\":\"exp\"");
    assertThat(Json.line(TrainConfig.defaults())).contains("\"clip\":\"norm\"");
  }

  @Test
  void anUnknownFamilyInAFileIsRefusedNamingTheFileAndTheValue() throws IOException {
    Path file = tmp.resolve("metadata.json");
    Files.writeString(file, WRITTEN_BEFORE.replace("\"laplace\"", "\"cauchy\""));
    assertThatThrownBy(() -> Json.read(file, CheckpointMetadata.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("'cauchy'");
  }
}
