package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.vision.ReconLoss;
import org.worldmodels.vision.VaeConfig;
import org.worldmodels.vision.VaeTrainConfig;

/** The recipe key {@code vae}: pixel environments only, defaults of {@code vae train}, checked. */
class RecipeVaeTest {
  @TempDir Path tmp;

  private Path recipe(String name, String env, String collectExtra, String vae) throws Exception {
    Path dir = SmallRecipes.cartpole(tmp.resolve(name), "null");
    Path file = dir.resolve("config.json");
    String text =
        Files.readString(file)
            .replace("\"env\": \"cartpole\"", "\"env\": \"" + env + "\"")
            .replace(
                "\"repeat_probability\": 0.5}", "\"repeat_probability\": 0.5" + collectExtra + "}")
            .replace(
                "\"rounds\": null", "\"rounds\": null" + (vae == null ? "" : ", \"vae\": " + vae));
    Files.writeString(file, text);
    return dir;
  }

  @Test
  void absentKeyTakesVaeTrainsDefaults() throws Exception {
    Recipe r = Recipe.read(recipe("d", "cartpole-pixels", "", null));
    assertThat(r.pixels()).isTrue();
    assertThat(r.vae()).isNull();
    Recipe.Vae v = r.vaeOrDefaults();
    assertThat(v.model()).isEqualTo(VaeConfig.defaults());
    assertThat(v.training(7)).isEqualTo(VaeTrainConfig.defaults(7));
    assertThat(v.episodes()).isNull();
  }

  @Test
  void givenKeysSetTheModelAndItsTraining() throws Exception {
    Recipe r =
        Recipe.read(
            recipe(
                "g",
                "pendulum-pixels",
                "",
                "{\"z_size\": 8, \"epochs\": 3, \"batch\": 16, \"lr\": 0.0005,"
                    + " \"kl_tolerance\": 0.25, \"recon\": \"mse\", \"episodes\": 10}"));
    Recipe.Vae v = r.vaeOrDefaults();
    assertThat(v.model())
        .isEqualTo(
            VaeConfig.defaults().withZSize(8).withKlTolerance(0.25).withRecon(ReconLoss.MSE));
    assertThat(v.training(1))
        .isEqualTo(VaeTrainConfig.defaults(1).withEpochs(3).withBatch(16).withLearningRate(0.0005));
    assertThat(v.episodes()).isEqualTo(10);
  }

  @Test
  void badValuesAndMisplacedKeysAreRefusedByName() throws Exception {
    String[][] cases = {
      {"cartpole", "", "{}", "key 'vae' is for pixel environments; env 'cartpole'"},
      {"cartpole-pixels", ", \"frame_size\": 32", null, "collect.frame_size 32"},
      {"cartpole-pixels", "", "{\"z_size\": 0}", "vae.z_size"},
      {"cartpole-pixels", "", "{\"epochs\": 0}", "vae.epochs"},
      {"cartpole-pixels", "", "{\"lr\": -1}", "vae.lr"},
      {"cartpole-pixels", "", "{\"recon\": \"l1\"}", "vae.recon must be bernoulli or mse"},
      {"cartpole-pixels", "", "{\"episodes\": 1}", "vae.episodes"},
    };
    for (String[] c : cases) {
      Path dir = recipe("bad" + Math.abs((c[1] + c[2]).hashCode()), c[0], c[1], c[2]);
      assertThatThrownBy(() -> Recipe.read(dir))
          .as(c[3])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[3]);
    }
  }
}
