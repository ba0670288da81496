package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.ModelReference;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/** {@code play}: collect, a tiny model, a hand-made controller; the JSON line and refusals. */
class PlayCommandTest {
  private static final int HIDDEN = 5;

  @TempDir Path tmp;

  /** Collects a few CartPole episodes through the CLI and returns their spec. */
  private DataSpec collectedSpec(String env) {
    Path data = tmp.resolve("data-" + env);
    CliRun r =
        CliRun.of(
            "collect",
            "--env",
            env,
            "--episodes",
            "2",
            "--seed",
            "1",
            "--out",
            data.toString(),
            "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return EpisodeStore.readSpec(data).orElseThrow();
  }

  private Path model(String env) throws IOException {
    return TinyModel.write(tmp.resolve("model-" + env), collectedSpec(env), HIDDEN, 3);
  }

  private Path controller(String env, Path model, String kind) throws IOException {
    DataSpec data = EpisodeStore.readSpec(tmp.resolve("data-" + env)).orElseThrow();
    ControllerSpec cs =
        kind.equals("linear")
            ? ControllerSpec.linear(data.zSize(), HIDDEN, data.action())
            : ControllerSpec.mlp(data.zSize(), HIDDEN, data.action(), 4);
    double[] p = new SplittableRandom(9).doubles(cs.parameterCount(), -1, 1).toArray();
    Path file = tmp.resolve("ctl-" + env + "-" + kind + ".json");
    ControllerFile.of(cs.create(p), ModelReference.of(model)).write(file);
    return file;
  }

  private static CliRun play(Path model, Path ctl, String env, int episodes, long seed) {
    return CliRun.of(
        "play",
        "--model",
        model.toString(),
        "--controller",
        ctl.toString(),
        "--env",
        env,
        "--episodes",
        Integer.toString(episodes),
        "--seed",
        Long.toString(seed),
        "--quiet");
  }

  @Test
  void playPrintsMeanAndStdAndIsDeterministic() throws IOException {
    for (String env : new String[] {"cartpole", "pendulum"}) {
      Path model = model(env);
      for (String kind : new String[] {"linear", "mlp"}) {
        Path ctl = controller(env, model, kind);
        CliRun r = play(model, ctl, env, 4, 100);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        JsonNode j = Json.parseTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("episodes", "mean_return", "std_return"), keys);
        assertEquals(4, j.get("episodes").asInt());

        ReturnStatistics s =
            ReturnStatistics.of(
                RealEvaluation.play(new PlayRequest(model, ctl, env, 4, 100), Progress.NONE));
        assertEquals(s.mean(), j.get("mean_return").asDouble(), 0.0, env + " " + kind);
        assertEquals(s.std(), j.get("std_return").asDouble(), 0.0, env + " " + kind);
        assertEquals(r.out(), play(model, ctl, env, 4, 100).out(), env + " " + kind);
      }
    }
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
    Path model = model("cartpole");
    Path ctl = controller("cartpole", model, "linear");
    Path pendulumModel = model("pendulum");
    Path malformed = Files.writeString(tmp.resolve("malformed.json"), "{\"format\": ");
    Path missing = tmp.resolve("missing.json");
    List<String> before = names(tmp);
    Object[][] cases = {
      {play(model, missing, "cartpole", 2, 0), "missing.json: no such file"},
      {play(model, malformed, "cartpole", 2, 0), "malformed.json: malformed JSON"},
      {play(tmp.resolve("nomodel"), ctl, "cartpole", 2, 0), "no such model directory"},
      {play(pendulumModel, ctl, "cartpole", 2, 0), "the controller does not fit model"},
      {play(model, ctl, "pendulum", 2, 0), "env pendulum gives latents of width 3"},
      {play(model, ctl, "mountaincar", 2, 0), "--env must be one of cartpole, pendulum, acrobot"},
      {play(model, ctl, "cartpole", 0, 0), "--episodes must be in [1, 1000000], got 0"},
      {
        CliRun.of("play", "--model", model.toString(), "--env", "cartpole", "--episodes", "1"),
        "--controller"
      },
    };
    for (Object[] c : cases) {
      CliRun r = (CliRun) c[0];
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(r.err()).hasSize(1);
      assertThat(r.errLines()[0]).startsWith("error: ").contains((String) c[1]);
      assertThat(r.out()).isEmpty();
    }
    assertEquals(before, names(tmp));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
