package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.worldmodels.mdn.InvertedSine;
import org.worldmodels.util.Json;

class MdnCommandsTest {
  @TempDir Path tmp;

  private Path csv(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** {@code mdn fit} of column x on column t of {@code data} into {@code out}. */
  private static CliRun fit(String data, String out, String... extra) {
    String[] head = {"mdn", "fit", "--data", data, "--input", "t", "--target", "x", "--out", out};
    String[] all = java.util.Arrays.copyOf(head, head.length + extra.length);
    System.arraycopy(extra, 0, all, head.length, extra.length);
    return CliRun.of(all);
  }

  private Path sineCsv(String name, int n, long seed) throws IOException {
    double[][] d = InvertedSine.sample(n, seed);
    StringBuilder sb = new StringBuilder("x,t\n");
    for (int i = 0; i < n; i++) {
      sb.append(d[0][i]).append(',').append(d[1][i]).append('\n');
    }
    return csv(name, sb.toString());
  }

  @Test
  void fitEvalPredictRoundTrip() throws Exception {
    Path data = sineCsv("train.csv", 300, 1);
    Path model = tmp.resolve("model");
    CliRun fit = fit(data.toString(), model.toString(), "--steps", "300", "--quiet");
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    JsonNode fitJson = Json.parseTree(fit.out());
    assertThat(fitJson.get("train_nll").isNumber()).isTrue();
    assertThat(Files.exists(model.resolve("weights.npz"))).isTrue();
    assertThat(Files.exists(model.resolve("metadata.json"))).isTrue();

    CliRun eval = CliRun.of("mdn", "eval", "--model", model.toString(), "--data", data.toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode evalJson = Json.parseTree(eval.out());
    assertThat(evalJson.get("rows").asInt()).isEqualTo(300);
    // eval on the training data is the train NLL reported by fit.
    assertThat(evalJson.get("nll").asDouble()).isEqualTo(fitJson.get("train_nll").asDouble());

    Path pred = tmp.resolve("pred.csv");
    CliRun predict =
        CliRun.of(
            "mdn",
            "predict",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--out",
            pred.toString(),
            "--samples",
            "3",
            "--seed",
            "4");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    List<String> lines = Files.readAllLines(pred);
    assertThat(lines.get(0)).isEqualTo("t,mode,mean,sample_1,sample_2,sample_3");
    assertThat(lines).hasSize(301);
    Path pred2 = tmp.resolve("pred2.csv");
    CliRun.of(
        "mdn",
        "predict",
        "--model",
        model.toString(),
        "--data",
        data.toString(),
        "--out",
        pred2.toString(),
        "--samples",
        "3",
        "--seed",
        "4");
    assertThat(Files.readAllLines(pred2)).isEqualTo(lines);
  }

  static Stream<Arguments> badCsvs() {
    return Stream.of(
        Arguments.of("x,u\n0.1,0.2\n", "no column 't'"),
        Arguments.of("x,t\n0.1,NaN\n", "expected a finite number"),
        Arguments.of("x,t\n0.1,abc\n", "'abc' is not a number"),
        Arguments.of("x,t\n0.1,0.2\n0.3\n", "line 3 has 1 fields; expected 2"),
        Arguments.of("", "empty file"),
        Arguments.of("x,t\n", "no data rows"));
  }

  @ParameterizedTest
  @MethodSource("badCsvs")
  void badCsvExitsTwoWithOneLineAndWritesNothing(String content, String message) throws Exception {
    Path data = csv("bad.csv", content);
    Path out = tmp.resolve("out");
    CliRun r = fit(data.toString(), out.toString(), "--steps", "5");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("error: ").contains(message).contains("bad.csv");
    assertThat(r.out()).isEmpty();
    assertNothingWritten(out);
  }

  @Test
  void badFlagsExitTwo() throws Exception {
    Path data = sineCsv("d.csv", 20, 1);
    String[][] cases = {
      {"--mixtures", "0"},
      {"--sigma", "relu"},
      {"--mu", "bounded:1:0"},
      {"--family", "cauchy"},
      {"--steps", "0"},
      {"--hidden", "0"},
      {"--bogus"}
    };
    for (String[] extra : cases) {
      Path out = tmp.resolve("o");
      CliRun r = fit(data.toString(), out.toString(), extra);
      assertThat(r.exitCode()).as(String.join(" ", extra)).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", extra)).hasSize(1);
      assertThat(r.errLines()[0]).startsWith("error: ");
      assertNothingWritten(out);
    }
  }

  @Test
  void nonPositiveTemperatureIsRefused() throws Exception {
    Path data = sineCsv("d.csv", 50, 1);
    Path model = tmp.resolve("m");
    assertThat(fit(data.toString(), model.toString(), "--steps", "2", "--quiet").exitCode())
        .isZero();
    for (String tau : new String[] {"0", "-1"}) {
      Path out = tmp.resolve("p.csv");
      CliRun r =
          CliRun.of(
              "mdn",
              "predict",
              "--model",
              model.toString(),
              "--data",
              data.toString(),
              "--out",
              out.toString(),
              "--temperature",
              tau);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.errLines()[0]).contains("--temperature").contains(tau);
      assertThat(Files.exists(out)).isFalse();
    }
  }

  @Test
  void missingModelAndNonEmptyOutAreRefused() throws Exception {
    Path data = sineCsv("d.csv", 20, 1);
    CliRun r =
        CliRun.of(
            "mdn", "eval", "--model", tmp.resolve("nope").toString(), "--data", data.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()[0]).startsWith("error: ").contains("nope");

    Path out = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(out.resolve("keep.txt"), "precious");
    CliRun f = fit(data.toString(), out.toString(), "--steps", "2");
    assertThat(f.exitCode()).isEqualTo(2);
    assertThat(f.errLines()[0]).contains("not empty");
    assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("precious");
  }

  private void assertNothingWritten(Path out) throws IOException {
    assertThat(Files.exists(out)).as("output " + out).isFalse();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-"))).isEmpty();
    }
  }
}
