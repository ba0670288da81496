package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.worldmodels.util.Progress;

/**
 * The end-to-end bars of the shipped recipes: {@code mvn -Ppipeline test} runs each at seed 0 (the
 * default settings); {@code -Dpipeline.seeds=0-4} or {@code 0,1,2} checks more seeds (about 2.5
 * minutes each for CartPole, 5 for Pendulum, 2-3 for Acrobot, 15-30 for CartPole from pixels on 2
 * cores; Pendulum from pixels has no bar and is reported, not checked).
 */
@Tag("pipeline")
class RecipeQualityTest {
  @TempDir Path tmp;

  /** {@code -Dpipeline.seeds}: a comma list of seeds and ranges, e.g. {@code 0-9,100-104}. */
  static LongStream seeds() {
    return Arrays.stream(System.getProperty("pipeline.seeds", "0").split(","))
        .map(String::trim)
        .flatMapToLong(
            t -> {
              int dash = t.indexOf('-', 1);
              return dash < 0
                  ? LongStream.of(Long.parseLong(t))
                  : LongStream.rangeClosed(
                      Long.parseLong(t.substring(0, dash)), Long.parseLong(t.substring(dash + 1)));
            });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cartPoleControllerTrainedInTheDreamBalancesTheRealPole(long seed) throws Exception {
    Summary s = run("cartpole", seed);
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(475);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pendulumControllerTrainedInTheDreamSwingsUp(long seed) throws Exception {
    Summary s = run("pendulum", seed);
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(-300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void acrobotControllerTrainedInTheDreamReachesTheBar(long seed) throws Exception {
    Summary s = run("acrobot", seed);
    // Gymnasium's reward threshold for Acrobot-v1 ("solved").
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(-100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cartPoleFromPixelsBalancesTheRealPoleSeenThroughV(long seed) throws Exception {
    Summary s = run("cartpole-pixels", seed);
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(475);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pendulumFromPixelsReportsWhatItReaches(long seed) throws Exception {
    Summary s = run("pendulum-pixels", seed);
    assertThat(s.realEpisodes()).isEqualTo(100);
  }

  /** Runs the recipe {@code envs/NAME} at {@code seed} and prints its summary. */
  private Summary run(String name, long seed) throws Exception {
    Summary s =
        Pipeline.run(Recipe.read(Path.of("envs", name)), tmp.resolve("run"), seed, Progress.NONE);
    System.out.println(name + " pipeline: " + org.worldmodels.util.Json.line(s));
    return s;
  }
}
