package org.worldmodels.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVaeTest {
  @Test
  void aCopyOpensWithTheSameWeightsAndOtherWeightsAreRefused(@TempDir Path tmp) throws Exception {
    Path src = tmp.resolve("trained");
    String sha = TestVaes.write(src, TestVaes.tiny(), 3);
    Path model = tmp.resolve("model");
    assertThat(ModelVae.copy(src, model, sha)).isEqualTo(sha);
    assertThat(ModelVae.path(model).resolve(VaeCheckpoints.LATEST)).isRegularFile();
    assertThat(ModelVae.sha256(ModelVae.path(model))).isEqualTo(sha);
    try (Vae vae = ModelVae.open(model, sha)) {
      assertThat(vae.sha256()).isEqualTo(sha);
    }
    String other = "0".repeat(64);
    assertThatThrownBy(() -> ModelVae.open(model, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoder.sha256 is " + other);
    assertThatThrownBy(() -> ModelVae.copy(src, tmp.resolve("m2"), other))
        .hasMessageContaining("have sha256 " + sha);
    assertThat(tmp.resolve("m2").resolve("vae")).doesNotExist();
    assertThatThrownBy(() -> ModelVae.copy(src, model, sha)).hasMessageContaining("exists");
    assertThatThrownBy(() -> ModelVae.open(tmp.resolve("none"), sha))
        .hasMessageContaining("no vae/ directory");
  }
}
