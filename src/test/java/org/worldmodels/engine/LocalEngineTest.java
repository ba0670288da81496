package org.worldmodels.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine, two threads: the blocks of every command give the bits of the one-JVM code
 * paths; a missing Spark engine is one line saying how to get it.
 */
class LocalEngineTest {
  @TempDir Path tmp;

  @Test
  void collectPlayAndControlInBlocksGiveTheSameBits() throws Exception {
    EngineParity parity = new EngineParity(tmp);
    try (Engine e = new LocalEngine(2)) {
      parity.collect(e);
      parity.play(e);
      parity.control(e);
    }
  }

  @Test
  void aSweepWritesEachSeedsRunAndTheirFigures() throws Exception {
    try (Engine e = new LocalEngine(2)) {
      new EngineParity(tmp).sweep(e, false);
    }
  }

  @Test
  void aStoppedSweepContinuedWithResumeEndsAsIfNeverStopped() throws Exception {
    try (Engine e = new LocalEngine(2)) {
      new EngineParity(tmp).sweepResumed(e);
    }
  }

  @Test
  void blocksCoverEveryEpisodeOnceInOrder() {
    for (int episodes : new int[] {1, 7, 8, 9, 100, 10_000}) {
      List<Blocks.Block> b = Blocks.of(episodes, 2);
      assertThat(b).hasSize(Math.min(episodes, 8));
      int next = 0;
      for (Blocks.Block x : b) {
        assertThat(x.start()).isEqualTo(next);
        next += x.count();
      }
      assertThat(next).isEqualTo(episodes);
    }
  }

  @Test
  void unitsComeBackInOrderAndBadInputStaysBadInput() {
    try (Engine e = new LocalEngine(3)) {
      List<Integer> in = List.of(5, 4, 3, 2, 1, 0);
      assertThat(e.map(in, (Integer i) -> i * 10)).containsExactly(50, 40, 30, 20, 10, 0);
      assertThatThrownBy(
              () ->
                  e.map(
                      in,
                      (Integer i) -> {
                        if (i == 2) {
                          throw new IllegalArgumentException("unit 2: bad");
                        }
                        return i;
                      }))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unit 2: bad");
    }
  }

  @Test
  void aMissingSparkEngineIsOneLineSayingHowToGetIt() {
    // The default build has no provider on its class path (the spark profile adds one).
    if (noLoadableProvider()) {
      assertThatThrownBy(() -> Engines.open("spark", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(Engines.HOW_TO_GET_SPARK);
    }
    assertThatThrownBy(() -> Engines.open("hadoop", null))
        .hasMessage("--engine must be local or spark, got 'hadoop'");
    assertThatThrownBy(() -> Engines.open("local", "local[2]"))
        .hasMessageContaining("only --engine spark takes a master URL");
  }

  /**
   * Whether no engine provider can be loaded: none listed, or (in a tree last built with the spark
   * profile) one listed whose class is gone, which Engines.open reports the same way.
   */
  private static boolean noLoadableProvider() {
    try {
      return ServiceLoader.load(EngineProvider.class).findFirst().isEmpty();
    } catch (ServiceConfigurationError e) {
      return true;
    }
  }
}
