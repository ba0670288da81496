package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerKind;
import org.worldmodels.util.Json;

/** The recipe's control section: the controller kind is parsed once, where the JSON is read. */
class RecipeControlTest {
  @TempDir Path tmp;

  private Path recipeWithController(String kind) throws Exception {
    Path env = Files.createDirectories(tmp.resolve(kind));
    String good = Files.readString(Path.of("envs/pendulum/config.json"));
    Files.writeString(
        env.resolve("config.json"),
        good.replace("\"controller\": \"mlp\"", "\"controller\": " + kind));
    return env;
  }

  @Test
  void theControllerKindIsAnEnumAndStaysAStringInJson() throws Exception {
    Recipe r = Recipe.read(recipeWithController("\"linear\""));
    assertThat(r.control().controller()).isEqualTo(ControllerKind.LINEAR);
    assertThat(Recipe.read(Path.of("envs/pendulum")).control().controller())
        .isEqualTo(ControllerKind.MLP);
    assertThat(Json.line(r.control())).contains("\"controller\":\"linear\"");
  }

  @Test
  void theContextIsOptionalAndNotNegative() throws Exception {
    Recipe plain = Recipe.read(Path.of("envs/pendulum"));
    assertThat(plain.control().context()).isZero();
    assertThat(Json.line(plain.control())).doesNotContain("context"); // reports read as before
    String good = Files.readString(Path.of("envs/pendulum/config.json"));
    Path env = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        env.resolve("config.json"),
        good.replace("\"control\": {", "\"control\": {\"context\": 4,"));
    assertThat(Recipe.read(env).control().context()).isEqualTo(4);
    assertThat(Json.line(Recipe.read(env).control())).contains("\"context\":4");
    Files.writeString(
        env.resolve("config.json"),
        good.replace("\"control\": {", "\"control\": {\"context\": -1,"));
    assertThatThrownBy(() -> Recipe.read(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control.context");
  }

  @Test
  void roundsKeepTheIncumbentUnlessARecipeSaysOtherwise() throws Exception {
    assertThat(Recipe.read(Path.of("envs/pendulum")).roundsOrOne().keepsIncumbent()).isTrue();
    String good = Files.readString(Path.of("envs/pendulum/config.json"));
    Path env = Files.createDirectories(tmp.resolve("off"));
    Files.writeString(
        env.resolve("config.json"),
        good.replace("\"rounds\": {", "\"rounds\": {\"keep_incumbent\": false, "));
    assertThat(Recipe.read(env).roundsOrOne().keepsIncumbent()).isFalse();
    assertThat(Json.line(Recipe.read(env).rounds())).contains("\"keep_incumbent\":false");
    // Absent, it stays absent in the recipe a run records: runs of older builds still resume.
    assertThat(Json.line(Recipe.read(Path.of("envs/pendulum")).rounds()))
        .doesNotContain("keep_incumbent");
  }

  @Test
  void anUnknownKindIsRefusedNamingTheKey() throws Exception {
    Path env = recipeWithController("\"cnn\"");
    assertThatThrownBy(() -> Recipe.read(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("control.controller must be linear or mlp, got 'cnn'");
  }
}
