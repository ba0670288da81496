package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/** Every phase of the pipeline on small settings (the real recipes run under -Ppipeline). */
class PipelineTest {
  @TempDir Path tmp;

  @Test
  void smallCartPoleRunWritesEverything() throws Exception {
    Path env = Files.createDirectories(tmp.resolve("env"));
    Files.writeString(
        env.resolve("config.json"),
        """
        {"env": "cartpole", "collect": {"episodes": 40, "repeat_probability": 0.5},
         "train": {"hidden": 8, "mixtures": 2, "seq_len": 16, "batch": 8, "steps": 20, "lr": 0.003,
                   "lr_decay": 0.5},
         "control": {"controller": "linear", "hidden_units": 0, "population": 6, "generations": 2,
                     "rollouts": 2, "temperature": 1.0, "done_threshold": null, "halt_margin": 0.1,
                     "initial_sigma": 0.5},
         "play": {"episodes": 3}}
        """);
    Path out = tmp.resolve("run");
    Summary s = Pipeline.run(Recipe.read(env), out, 4, Progress.NONE);
    assertThat(s.realEpisodes()).isEqualTo(3);
    assertThat(s.seconds()).containsOnlyKeys("collect", "train", "control", "play", "report");
    for (String f :
        new String[] {
          "episodes/spec.json",
          "model/latest.json",
          "controller.json",
          "summary.json",
          "report.md",
          "plots/training.png",
          "plots/real-vs-dream.png",
          "plots/cmaes.png",
          "plots/real-returns.png",
          "plots/open-loop.png"
        }) {
      assertThat(Files.exists(out.resolve(f))).as(f).isTrue();
    }
    JsonNode j = Json.readTree(out.resolve("summary.json"));
    for (String k :
        new String[] {
          "env",
          "seed",
          "real_mean_return",
          "real_std_return",
          "real_episodes",
          "dream_mean_return",
          "seconds",
          "total_seconds"
        }) {
      assertThat(j.has(k)).as(k).isTrue();
    }
    assertThat(Files.readString(out.resolve("report.md"))).contains("plots/real-vs-dream.png");
    // A recipe without rounds runs one round, as before rounds existed: the episode files are
    // those of the commit before (SHA-256 over each file's name and bytes, in name order), and no
    // file of a later round appears.
    assertThat(sha256(out.resolve("episodes")))
        .isEqualTo("80bd48d47840eda24417cb5e8ecdee6adcad86d4d4d394aa0b4906158f446d0b");
    assertThat(out.resolve("rounds")).doesNotExist();
    assertThat(out.resolve("plots/rounds.png")).doesNotExist();
    JsonNode round = j.get("rounds").get(0);
    assertThat(j.get("rounds")).hasSize(1);
    assertThat(round.get("round").asInt()).isZero();
    assertThat(round.get("episodes").asInt()).isEqualTo(40);
    assertThat(round.get("real_mean_return").asDouble()).isEqualTo(s.realMeanReturn());
    assertThat(round.get("dream_mean_return").asDouble()).isEqualTo(s.dreamMeanReturn());
    // Random CartPole episodes earn 1 a step: the collect mean is their mean length.
    assertThat(round.get("collect_mean_return").asDouble()).isGreaterThan(5);
    // A phase's own key, after the fixed ones: the open-loop error per horizon.
    assertThat(j.get("open_loop_rmse")).hasSize(50);
    assertThat(j.get("open_loop_rmse").get(0).asDouble()).isPositive();
  }

  /** SHA-256 over the name and bytes of each file of {@code dir}, in name order. */
  static String sha256(Path dir) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        d.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        d.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void realVsDreamPlotTakesAnyNumberOfDimensions() throws Exception {
    for (int zs : new int[] {1, 2, 3, 4, 5}) {
      float[][] traj = new float[6][zs];
      Path f = tmp.resolve("rvd" + zs + ".png");
      org.worldmodels.report.RunPlots.realVsDream(f, traj, traj, null);
      assertThat(Files.size(f)).as("z size " + zs).isPositive();
    }
  }

  @Test
  void shippedRecipesParse() {
    for (String env :
        new String[] {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"}) {
      Recipe r = Recipe.read(Path.of("envs", env));
      assertThat(r.env()).isEqualTo(env);
      // docs/architecture.md: every shipped recipe with rounds plays a real contest of 100.
      if (r.rounds() != null) {
        assertThat(r.roundsOrOne().realContestEpisodes()).as(env).isEqualTo(100);
      }
    }
  }

  @Test
  void recipeWithAnUnknownKeyIsRefused() throws Exception {
    Path env = Files.createDirectories(tmp.resolve("bad"));
    String good = Files.readString(Path.of("envs/cartpole/config.json"));
    Files.writeString(env.resolve("config.json"), good.replaceFirst("\\{", "{\"colect\": {},"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Recipe.read(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("colect");
  }
}
