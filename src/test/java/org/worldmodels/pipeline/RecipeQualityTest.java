package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Progress;

/** The end-to-end bars of the shipped recipes: {@code mvn -Ppipeline test}. */
@Tag("pipeline")
class RecipeQualityTest {
  @TempDir Path tmp;

  @Test
  void cartPoleControllerTrainedInTheDreamBalancesTheRealPole() throws Exception {
    Summary s =
        Pipeline.run(Recipe.read(Path.of("envs/cartpole")), tmp.resolve("run"), 0, Progress.NONE);
    System.out.println("cartpole pipeline: " + org.worldmodels.util.Json.line(s));
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(475);
  }

  @Test
  void pendulumControllerTrainedInTheDreamSwingsUp() throws Exception {
    Summary s =
        Pipeline.run(Recipe.read(Path.of("envs/pendulum")), tmp.resolve("run"), 0, Progress.NONE);
    System.out.println("pendulum pipeline: " + org.worldmodels.util.Json.line(s));
    assertThat(s.realMeanReturn()).isGreaterThanOrEqualTo(-300);
  }
}
