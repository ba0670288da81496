package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

/**
 * Numerical guards in training: data whose values are finite in float32 but whose squares are not
 * (z = 1e30) makes a step's loss infinite. By default training stops with exit 1, one error line
 * naming the step, and the last good checkpoint; with {@code --on-non-finite skip} it completes.
 */
class NonFiniteTrainingTest {
  private static final int STEPS = 40;
  private static final int EVERY = 2;

  @TempDir Path tmp;

  private Path data() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    List<Episode> eps = SyntheticEpisodes.generate(30, 16, 4);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }
    // Two episodes of enormous (finite) latents: (1e30)^2 overflows float32.
    for (int i = 0; i < 2; i++) {
      Episode e = eps.get(i);
      float[][] z = new float[e.z().length][];
      for (int t = 0; t < z.length; t++) {
        z[t] = new float[] {e.z()[t][0] * 1e30f, e.z()[t][1] * 1e30f};
      }
      EpisodeStore.write(
          dir.resolve(EpisodeStore.fileName(30 + i)), Episode.ofTransitions(z, e.action()));
    }
    return dir;
  }

  private static String[] train(Path data, Path out, String... extra) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--hidden",
                "8",
                "--mixtures",
                "2",
                "--seq-len",
                "8",
                "--batch",
                "4",
                "--steps",
                Integer.toString(STEPS),
                "--checkpoint-every",
                Integer.toString(EVERY),
                "--validation-fraction",
                "0",
                "--seed",
                "2",
                "--quiet"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void nonFiniteLossStopsWithTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
    Path data = data();
    Path model = tmp.resolve("stop");
    CliRun r = CliRun.of(train(data, model));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    String line = r.errLines()[0];
    assertThat(line).startsWith("error: ").doesNotContain("\tat ");
    Matcher m = Pattern.compile("at step (\\d+);").matcher(line);
    assertThat(m.find()).as(line).isTrue();
    long failed = Long.parseLong(m.group(1));
    assertThat(failed).as("the data must fail after the first checkpoint").isGreaterThan(EVERY);
    assertThat(failed).isLessThan(STEPS);

    Checkpoint kept = Checkpoints.load(model, true); // loads: weights finite, files whole
    long keptStep = (failed - 1) / EVERY * EVERY;
    assertThat(kept.metadata().step()).isEqualTo(keptStep).isLessThan(failed);
    assertThat(line).contains(Checkpoints.name(keptStep));

    // The same run resumes to the same failure (nothing was lost, nothing half-applied).
    CliRun again = CliRun.of(train(data, model, "--resume"));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.errLines()).containsExactly(line);
  }

  @Test
  void skipCompletesWithFiniteWeights() throws Exception {
    Path model = tmp.resolve("skip");
    CliRun r = CliRun.of(train(data(), model, "--on-non-finite", "skip"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode out = Json.parseTree(r.out());
    assertThat(out.get("steps").asInt()).isEqualTo(STEPS);
    Checkpoint c = Checkpoints.load(model, true);
    assertThat(c.metadata().step()).isEqualTo(STEPS);
    // metrics.csv records the skipped steps' figures as they were.
    List<String> rows = Files.readAllLines(model.resolve("metrics.csv"));
    assertThat(rows).hasSize(STEPS + 1);
    assertThat(rows.stream().filter(l -> l.contains("Infinity") || l.contains("NaN"))).isNotEmpty();
  }
}
