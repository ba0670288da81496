package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

/** {@code eval --horizon H [--context C]}: the open-loop figures and their refusals. */
class EvalCommandTest {
  @TempDir Path tmp;

  private Path data(int n, int length) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    List<Episode> episodes = SyntheticEpisodes.generate(n, length, 3);
    for (int i = 0; i < n; i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), episodes.get(i));
    }
    return dir;
  }

  private static CliRun eval(Path model, Path data, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("eval", "--model", model.toString(), "--data", data.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<String> keys(JsonNode n) {
    List<String> k = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void horizonAddsTheOpenLoopFiguresAndLeavesTheRestAsItWas() throws Exception {
    Path model = TrainedModels.bimodal();
    Path data = data(6, 10);
    CliRun plain = eval(model, data);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode p = Json.parseTree(plain.out());
    assertThat(keys(p)).containsExactly("nll_per_dim", "transitions");

    CliRun open = eval(model, data, "--horizon", "12", "--context", "2");
    assertThat(open.exitCode()).as(open.err()).isZero();
    JsonNode o = Json.parseTree(open.out());
    assertThat(keys(o))
        .containsExactly("nll_per_dim", "transitions", "open_loop_rmse", "open_loop_count");
    assertThat(o.get("nll_per_dim").asDouble()).isEqualTo(p.get("nll_per_dim").asDouble());
    JsonNode rmse = o.get("open_loop_rmse");
    JsonNode count = o.get("open_loop_count");
    assertThat(rmse.size()).isEqualTo(12);
    assertThat(count.size()).isEqualTo(12);
    for (int k = 1; k <= 12; k++) {
      // Starts s = 2 .. 10 - k in each of 6 episodes of 10 transitions.
      long starts = 6L * Math.max(0, 10 - k - 2 + 1);
      assertThat(count.get(k - 1).asLong()).as("k=%d", k).isEqualTo(starts);
      if (starts > 0) {
        assertThat(rmse.get(k - 1).asDouble()).as("k=%d", k).isPositive().isFinite();
      } else {
        assertThat(rmse.get(k - 1).asText()).as("k=%d", k).isEqualTo("NaN");
      }
    }

    // The default context is 1: more starts, another figure at k = 2.
    CliRun byDefault = eval(model, data, "--horizon", "3", "--batch", "2");
    JsonNode d = Json.parseTree(byDefault.out());
    assertThat(d.get("open_loop_count").get(0).asLong()).isEqualTo(6L * 9);
    assertThat(d.get("open_loop_rmse").get(1).asDouble())
        .isNotEqualTo(o.get("open_loop_rmse").get(1).asDouble());
  }

  @Test
  void badHorizonsAndContextsExitTwoWithOneLine() throws Exception {
    Path model = TrainedModels.bimodal();
    Path data = data(3, 5);
    String[][] cases = {
      {"--horizon", "0"},
      {"--horizon", "1001"},
      {"--horizon", "3", "--context", "-1"},
      {"--context", "2"},
      {"--horizon", "3", "--context", "5"},
    };
    String[] starts = {
      "error: --horizon must be in [1, 1000], got 0",
      "error: --horizon must be in [1, 1000], got 1001",
      "error: --context must be in [0, 1000000], got -1",
      "error: --context 2 needs --horizon",
      "error: --context 5 leaves no start for the open-loop error of horizon 3: no episode of data "
          + data
          + " has more than 5 transitions",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun r = eval(model, data, cases[i]);
      String what = String.join(" ", cases[i]);
      assertThat(r.exitCode()).as(what + "\n" + r.err()).isEqualTo(2);
      assertThat(r.out()).as(what).isEmpty();
      assertThat(r.errLines()).as(what).hasSize(1);
      assertThat(r.errLines()[0]).as(what).startsWith(starts[i]);
    }
  }
}
