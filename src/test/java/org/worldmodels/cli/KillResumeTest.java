package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.train.MetricsLog;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

/**
 * Crash safety: {@code train} in its own JVM, killed with SIGKILL in the middle of its run, leaves
 * a model directory that loads; {@code train --resume} then ends with the same bits as a run that
 * was never interrupted.
 */
class KillResumeTest {
  private static final int STEPS = 300;
  private static final long KILL_AT_STEP = 10;

  @TempDir Path tmp;

  private String[] trainArgs(Path data, Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
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
                "8",
                "--steps",
                Integer.toString(STEPS),
                "--checkpoint-every",
                "5",
                "--seed",
                "3",
                "--quiet"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void killedRunResumesToTheBitsOfAnUninterruptedOne() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    List<Episode> eps = SyntheticEpisodes.generate(40, 20, 5);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(data.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }

    // The run to be killed, in its own JVM.
    Path killed = tmp.resolve("killed");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.worldmodels.cli.Main");
    cmd.addAll(List.of(trainArgs(data, killed)));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(tmp.resolve("killed-stderr.txt").toFile());
    Process p = pb.start();
    long seen;
    try {
      seen = waitForCheckpoint(killed, KILL_AT_STEP, p);
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(p.exitValue()).as("killed, not finished").isNotZero();

    // Whatever moment the kill hit, the directory loads, at a step between the two runs' ends.
    Checkpoint at = Checkpoints.load(killed, true);
    long stepAtKill = at.metadata().step();
    assertThat(stepAtKill).isBetween(seen, (long) STEPS - 1);
    assertThat(at.optimizer()).isNotEmpty();

    // The uninterrupted run, in this JVM (same thread count, so the same bits).
    Path whole = tmp.resolve("whole");
    CliRun w = CliRun.of(trainArgs(data, whole));
    assertThat(w.exitCode()).as(w.err()).isZero();

    // What a kill inside a checkpoint write leaves (the kill above may or may not have hit one).
    Files.createDirectories(killed.resolve(".tmp-" + (stepAtKill + 5)));
    Files.writeString(killed.resolve(".tmp-" + (stepAtKill + 5)).resolve("weights.npz"), "partial");
    Files.writeString(killed.resolve(".tmp-latest.json8123456"), "{\"checkpoint\": ");

    CliRun r = CliRun.of(trainArgs(data, killed, "--resume"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(w.out());

    Path a = Checkpoints.latestDir(whole);
    Path b = Checkpoints.latestDir(killed);
    assertThat(b.getFileName()).isEqualTo(a.getFileName());
    assertThat(Files.readAllBytes(b.resolve(Checkpoints.WEIGHTS)))
        .as("weights after resuming from step " + stepAtKill)
        .isEqualTo(Files.readAllBytes(a.resolve(Checkpoints.WEIGHTS)));
    assertThat(Files.readAllBytes(b.resolve(Checkpoints.OPTIMIZER)))
        .as("optimizer moments after resuming from step " + stepAtKill)
        .isEqualTo(Files.readAllBytes(a.resolve(Checkpoints.OPTIMIZER)));
    assertThat(Files.readAllLines(killed.resolve(MetricsLog.FILE)))
        .isEqualTo(Files.readAllLines(whole.resolve(MetricsLog.FILE)))
        .hasSize(STEPS + 1);
    try (Stream<Path> s = Files.list(killed)) {
      assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".tmp-")))
          .as("temporary files of the killed run are cleared on resume")
          .isEmpty();
    }
  }

  /**
   * Polls {@code latest.json} until it names a step of at least {@code step}; returns that step.
   */
  private static long waitForCheckpoint(Path model, long step, Process p)
      throws IOException, InterruptedException {
    Path latest = model.resolve(Checkpoints.LATEST);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("train ended before step " + step).isTrue();
      if (Files.isRegularFile(latest)) {
        // latest.json is replaced by rename, so it is always whole.
        long s = Json.read(latest, Checkpoints.Latest.class).step();
        if (s >= step) {
          return s;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no checkpoint at step " + step + " within 120 s");
  }
}
