package org.worldmodels.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.engine.EngineParity;

/**
 * The loopback cluster of {@code bin/spark-cluster} (a Master and a Worker with two one-core
 * executors): the same bits as the one-JVM code paths, also when an executor JVM is killed in the
 * middle of a CMA-ES generation (Spark reruns its tasks). Run after {@code mvn -B -Pspark
 * -DskipTests package}: {@code mvn -B -Pspark,spark-cluster test}. A few minutes: executors start
 * slowly.
 */
@Tag("spark-cluster")
class SparkClusterTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static Path clusterDir;
  private static SparkEngine engine;
  private static String savedThreads;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    assertThat(ROOT.resolve("target/spark-lib"))
        .as("run mvn -B -Pspark -DskipTests package first")
        .isDirectory();
    clusterDir = Files.createTempDirectory("wm-spark-cluster");
    List<String> out = script("start");
    String url = out.get(out.size() - 1);
    assertThat(url).matches("spark://127\\.0\\.0\\.1:\\d+");
    // One TensorFlow thread per task, on the driver and the executors: two one-core executors.
    savedThreads = System.getProperty("worldmodels.threads");
    System.setProperty("worldmodels.threads", "1");
    engine = new SparkEngine(url);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      if (savedThreads == null) {
        System.clearProperty("worldmodels.threads");
      } else {
        System.setProperty("worldmodels.threads", savedThreads);
      }
      script("stop");
    }
  }

  private static List<String> script(String command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/spark-cluster").toString(), command);
    pb.environment().put("WORLDMODELS_CLUSTER_DIR", clusterDir.toString());
    pb.environment().put("WORLDMODELS_THREADS", "1");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("bin/spark-cluster " + command).isZero();
    return lines;
  }

  @Test
  void collectPlayAndControlGiveTheSameBits() throws Exception {
    EngineParity parity = new EngineParity(tmp);
    parity.collect(engine);
    parity.play(engine);
    parity.control(engine);
  }

  @Test
  void aSweepGivesEachSeedsRun() throws Exception {
    new EngineParity(tmp).sweep(engine, true);
  }

  @Test
  void killingAnExecutorInAGenerationStillGivesTheSameSearch() throws Exception {
    String app = engine.context().sc().applicationId();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger failedTasks = new AtomicInteger();
    SparkListener killer =
        new SparkListener() {
          @Override
          public void onTaskStart(SparkListenerTaskStart start) {
            if (killed.compareAndSet(false, true)) {
              ProcessHandle.allProcesses()
                  .filter(p -> isExecutorOf(p, app))
                  .findFirst()
                  .ifPresent(ProcessHandle::destroyForcibly);
            }
          }

          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!end.taskInfo().successful()) {
              failedTasks.incrementAndGet();
            }
          }
        };
    engine.context().sc().addSparkListener(killer);
    try {
      // Two blocks of 8 candidates x 8 rollouts x 300 steps: tasks long enough to be cut.
      new EngineParity(tmp).control(engine, 16, 8, 300);
    } finally {
      engine.context().sc().removeSparkListener(killer);
    }
    assertThat(killed).isTrue();
    assertThat(failedTasks.get()).as("tasks lost with the executor, then rerun").isPositive();
  }

  private static boolean isExecutorOf(ProcessHandle p, String app) {
    return p.info()
        .commandLine()
        .map(c -> c.contains("CoarseGrainedExecutorBackend") && c.contains(app))
        .orElse(false);
  }
}
