package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

class DreamCommandTest {
  @TempDir Path tmp;

  private Path initial() throws Exception {
    return SyntheticEpisodes.writeTo(tmp.resolve("initial"), 5, 3, 9);
  }

  private CliRun dream(Path out, int batch, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "dream",
                "--model",
                TrainedModels.bimodal().toString(),
                "--initial",
                initial().toString(),
                "--episodes",
                "6",
                "--max-steps",
                "7",
                "--policy",
                "random",
                "--temperature",
                "1.0",
                "--batch",
                Integer.toString(batch),
                "--seed",
                "3",
                "--out",
                out.toString(),
                "--quiet"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void dreamsEpisodesThatDoNotDependOnTheBatch() throws Exception {
    CliRun a = dream(tmp.resolve("a"), 4);
    assertThat(a.exitCode()).as(a.err()).isZero();
    JsonNode j = Json.parseTree(a.out());
    assertThat(j.get("episodes").asInt()).isEqualTo(6);
    assertThat(j.get("steps").asInt()).isEqualTo(42); // no done head: every episode truncated at 7
    Episode e0 = EpisodeStore.read(tmp.resolve("a").resolve(EpisodeStore.fileName(0)));
    assertThat(e0.length()).isEqualTo(7);
    assertThat(e0.truncated()[6]).isTrue();
    assertThat(e0.truncated()[5]).isFalse();
    DataSpec spec = DataSpec.read(tmp.resolve("a").resolve("spec.json"));
    assertThat(spec.zSize()).isEqualTo(2);
    assertThat(spec.maxEpisodeSteps()).isEqualTo(7);

    CliRun b = dream(tmp.resolve("b"), 1);
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertSameEpisodes(tmp.resolve("b"), tmp.resolve("a"));
  }

  /** The six episode files of two dreams are the same bytes. */
  private static void assertSameEpisodes(Path dir, Path expected) throws Exception {
    for (int i = 0; i < 6; i++) {
      String f = EpisodeStore.fileName(i);
      assertThat(Files.readAllBytes(dir.resolve(f)))
          .as("episode " + i)
          .isEqualTo(Files.readAllBytes(expected.resolve(f)));
    }
  }

  @Test
  void aContextStartsEachDreamAtZkAndTheFilesHoldTheDreamedStepsOnly() throws Exception {
    CliRun plain = dream(tmp.resolve("plain"), 4);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    CliRun zero = dream(tmp.resolve("zero"), 4, "--context", "0");
    assertThat(zero.exitCode()).as(zero.err()).isZero();
    assertSameEpisodes(tmp.resolve("zero"), tmp.resolve("plain"));
    CliRun two = dream(tmp.resolve("two"), 4, "--context", "2");
    assertThat(two.exitCode()).as(two.err()).isZero();
    assertThat(Json.parseTree(two.out()).get("steps").asInt()).isEqualTo(42);
    List<Episode> recorded = SyntheticEpisodes.generate(5, 3, 9);
    for (int i = 0; i < 6; i++) {
      Episode e = EpisodeStore.read(tmp.resolve("two").resolve(EpisodeStore.fileName(i)));
      assertThat(e.length()).as("--max-steps counts dreamed steps").isEqualTo(7);
      assertThat(recorded)
          .as("episode %d starts at z[2] of a recording", i)
          .anyMatch(r -> java.util.Arrays.equals(r.z()[2], e.z()[0]));
    }
  }

  @Test
  void aContextNoInitialEpisodeExceedsExitsTwo() throws Exception {
    Path out = tmp.resolve("none");
    CliRun r = dream(out, 4, "--context", "3"); // the recordings have 3 steps
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).contains("--context 3").contains("--initial");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void badValuesExitTwoAndWriteNothing() throws Exception {
    String[][] cases = {
      {"--temperature", "0"},
      {"--sigma-temperature", "-1"},
      {"--batch", "0"},
      {"--policy", "greedy"}
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("o" + c[0].replace("-", ""));
      CliRun r;
      if (c[0].equals("--temperature") || c[0].equals("--policy")) {
        r =
            CliRun.of(
                "dream",
                "--model",
                TrainedModels.bimodal().toString(),
                "--initial",
                initial().toString(),
                "--episodes",
                "2",
                "--max-steps",
                "3",
                "--policy",
                c[0].equals("--policy") ? c[1] : "random",
                "--temperature",
                c[0].equals("--temperature") ? c[1] : "1",
                "--seed",
                "1",
                "--out",
                out.toString());
      } else {
        r = dream(out, 2, c);
      }
      assertThat(r.exitCode()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.errLines()[0])
          .startsWith("error: ")
          .contains(c[0].equals("--policy") ? "greedy" : c[0]);
      assertThat(Files.exists(out)).isFalse();
    }
    CliRun missing =
        CliRun.of(
            "dream",
            "--model",
            tmp.resolve("none").toString(),
            "--initial",
            initial().toString(),
            "--episodes",
            "2",
            "--max-steps",
            "3",
            "--policy",
            "random",
            "--temperature",
            "1",
            "--seed",
            "1",
            "--out",
            tmp.resolve("o").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()[0]).contains("none");
  }
}
