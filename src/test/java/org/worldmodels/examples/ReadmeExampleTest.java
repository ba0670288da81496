package org.worldmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.rnn.MdnRnnConfig;

/**
 * The README's agent example compiles (it is this package's code), runs, and is what the README
 * shows.
 */
class ReadmeExampleTest {
  @TempDir Path tmp;

  /**
   * On a model with a reward head (untrained weights: rewards vary with the state), returns differ
   * between rows, and the two branches from one snapshot are the same step.
   */
  @Test
  void exampleRunsOnAModelWithARewardHead() throws Exception {
    DataSpec spec =
        new DataSpec(
            2, new ActionSpec.Box(new double[] {-1}, new double[] {1}), 50, "example data");
    MdnRnnConfig config =
        new MdnRnnConfig(
            2, 1, 16, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
    AgentExample.Result r =
        AgentExample.run(TinyModel.write(tmp.resolve("model"), spec, config, 3));
    double[] returns = r.returns();
    assertThat(returns).hasSize(8);
    assertThat(Arrays.stream(returns).allMatch(Double::isFinite)).isTrue();
    assertThat(Arrays.stream(returns).distinct().count()).as("distinct returns").isGreaterThan(1);
    assertThat(r.b().z()).isDeepEqualTo(r.a().z());
    assertThat(r.b().reward()).isEqualTo(r.a().reward());
    assertThat(r.b().done()).isEqualTo(r.a().done());
    // The branches are a real step on: not a copy of each other's arrays.
    assertThat(r.b().z()).isNotSameAs(r.a().z());
  }

  @Test
  void readmeShowsTheExampleVerbatim() throws Exception {
    List<String> source =
        Files.readAllLines(Path.of("src/test/java/org/worldmodels/examples/AgentExample.java"));
    int from = indexOf(source, "// README:start") + 1;
    int to = indexOf(source, "// README:end");
    String block =
        source.subList(from, to).stream()
            .map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
            .collect(Collectors.joining("\n"));
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(block);
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker " + marker + " not found");
  }
}
