package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/** The recipe's train section: the optional burn-in, and that the train phase passes it on. */
class RecipeTrainTest {
  @TempDir Path tmp;

  private Path withTrain(String name, String extra) throws Exception {
    Path env = SmallRecipes.cartpole(tmp.resolve(name), "null");
    Path file = env.resolve("config.json");
    String text = Files.readString(file);
    Files.writeString(file, text.replace("\"lr\": 0.003}", "\"lr\": 0.003" + extra + "}"));
    return env;
  }

  @Test
  void theBurnInIsOptionalAndNotNegative() throws Exception {
    Recipe plain = Recipe.read(Path.of("envs/cartpole"));
    assertThat(plain.train().burnIn()).isZero();
    assertThat(Json.line(plain.train())).doesNotContain("burn_in"); // reports read as before
    Recipe burned = Recipe.read(withTrain("b", ", \"burn_in\": 16"));
    assertThat(burned.train().burnIn()).isEqualTo(16);
    assertThat(Json.line(burned.train())).contains("\"burn_in\":16");
    Path bad = withTrain("bad", ", \"burn_in\": -1");
    assertThatThrownBy(() -> Recipe.read(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train.burn_in");
  }

  @Test
  void theTrainPhaseTrainsWithTheRecipesBurnIn() throws Exception {
    Path out = tmp.resolve("run");
    Pipeline.run(Recipe.read(withTrain("run", ", \"burn_in\": 5")), out, 3, Progress.NONE);
    assertThat(Trainer.trainConfigOf(Checkpoints.metadata(out.resolve("model")).train()).burnIn())
        .isEqualTo(5);
  }
}
