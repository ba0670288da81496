package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

class SummaryTest {

  private static Summary summary(Map<String, Object> extra) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("collect", 1.0);
    seconds.put("train", 2.0);
    return new Summary(
        "cartpole",
        3,
        500,
        0,
        100,
        300,
        seconds,
        3.5,
        List.of(new Summary.Round(0, 5000, 22.1, 500, 300, 3.5)),
        extra);
  }

  @Test
  void fixedKeysComeFirstThenRoundsThenWhatPhasesAdded() throws Exception {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("vision", Map.of("recon_mse", 0.01));
    extra.put("engine", "local");
    JsonNode j = Json.parseTree(Json.line(summary(extra)));
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "env",
            "seed",
            "real_mean_return",
            "real_std_return",
            "real_episodes",
            "dream_mean_return",
            "seconds",
            "total_seconds",
            "rounds",
            "vision",
            "engine");
    assertThat(j.get("rounds").get(0).get("collect_mean_return").asDouble()).isEqualTo(22.1);
    assertThat(j.get("rounds").get(0).get("episodes").asInt()).isEqualTo(5000);
    assertThat(j.get("vision").get("recon_mse").asDouble()).isEqualTo(0.01);
    List<String> phases = new ArrayList<>();
    j.get("seconds").fieldNames().forEachRemaining(phases::add);
    assertThat(phases).containsExactly("collect", "train"); // in phase order
  }

  @Test
  void aPhaseCannotOverwriteAFixedKey() {
    RunContext run = new RunContext(minimalRecipe(), Path.of("unused"), 0, Progress.NONE);
    run.putSummary("vision", 1);
    assertThat(run.summaryKeys()).containsEntry("vision", 1);
    assertThatThrownBy(() -> run.putSummary("real_mean_return", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("real_mean_return");
  }

  @Test
  void productsAreAskedForOnlyAfterTheirPhase() {
    RunContext run = new RunContext(minimalRecipe(), Path.of("unused"), 0, Progress.NONE);
    assertThatThrownBy(run::control)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("control runs first");
  }

  private static Recipe minimalRecipe() {
    return Recipe.read(Path.of("envs", "cartpole"));
  }
}
