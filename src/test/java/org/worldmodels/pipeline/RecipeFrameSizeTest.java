package org.worldmodels.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Json;

/** The recipe key {@code collect.frame_size}: optional, 64 by default, within [8, 512]. */
class RecipeFrameSizeTest {
  @TempDir Path tmp;

  private Path withCollect(String name, String extra) throws Exception {
    Path env = SmallRecipes.cartpole(tmp.resolve(name), "null");
    Path file = env.resolve("config.json");
    String text = Files.readString(file);
    String collect = "\"repeat_probability\": 0.5}";
    assertThat(text).contains(collect);
    Files.writeString(file, text.replace(collect, "\"repeat_probability\": 0.5" + extra + "}"));
    return env;
  }

  @Test
  void frameSizeIsOptionalWithDefault64AndChecked() throws Exception {
    Recipe plain = Recipe.read(Path.of("envs/cartpole"));
    assertThat(plain.collect().frameSize()).isNull();
    assertThat(plain.collect().frames()).isEqualTo(64);
    assertThat(Json.line(plain.collect())).doesNotContain("frame_size"); // reports read as before
    Recipe small = Recipe.read(withCollect("s", ", \"frame_size\": 32"));
    assertThat(small.collect().frames()).isEqualTo(32);
    assertThat(Json.line(small.collect())).contains("\"frame_size\":32");
    for (int bad : new int[] {7, 513}) {
      Path dir = withCollect("bad" + bad, ", \"frame_size\": " + bad);
      assertThatThrownBy(() -> Recipe.read(dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("collect.frame_size must be in [8, 512], got " + bad);
    }
  }
}
