package org.worldmodels.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.engine.Engine;
import org.worldmodels.engine.EngineParity;
import org.worldmodels.engine.Engines;
import org.worldmodels.engine.ExecutorCache;

/**
 * Spark in {@code local[2]} (one context for the class): collect, play, control and a two-seed
 * sweep give the bits of the one-JVM code paths. Local mode serialises every task, so a unit that
 * captured a native object would fail here.
 */
class SparkEngineTest {
  private static Engine engine;

  @TempDir Path tmp;

  private static String savedThreads;

  @BeforeAll
  static void start() {
    // One TensorFlow thread per task (here and in the one-JVM references): two tasks at once.
    savedThreads = System.getProperty("worldmodels.threads");
    System.setProperty("worldmodels.threads", "1");
    engine = Engines.open("spark", "local[2]");
    assertThat(engine.slots()).isEqualTo(2);
  }

  @AfterAll
  static void stop() {
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
    }
  }

  @Test
  void collectGivesTheSameFiles() throws Exception {
    new EngineParity(tmp).collect(engine);
  }

  @Test
  void playGivesTheSameReturns() throws Exception {
    new EngineParity(tmp).play(engine);
  }

  @Test
  void controlGivesTheSameSearchAndLoadsTheModelOncePerJvm() throws Exception {
    int before = ExecutorCache.loads();
    new EngineParity(tmp).control(engine);
    // Three scorings (two generations and the final mean), two blocks each: one load.
    assertThat(ExecutorCache.loads() - before).isEqualTo(1);
  }

  @Test
  void aTwoSeedSweepGivesEachSeedsRun() throws Exception {
    new EngineParity(tmp).sweep(engine, true);
  }

  @Test
  void aStoppedSweepContinuedWithResumeEndsAsIfNeverStopped() throws Exception {
    new EngineParity(tmp).sweepResumed(engine);
  }

  @Test
  void badInputInATaskIsStillBadInput() {
    assertThatThrownBy(
            () ->
                engine.map(
                    List.of(1, 2),
                    (Integer i) -> {
                      throw new IllegalArgumentException("unit " + i + ": bad");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unit ");
  }
}
