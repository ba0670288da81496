package org.worldmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.worldmodels.testing.TrainedModels;

/**
 * The README's agent example compiles (it is this package's code), runs, and is what the README
 * shows.
 */
class ReadmeExampleTest {
  @Test
  void exampleRunsOnATrainedModel() throws Exception {
    double[] returns = AgentExample.run(TrainedModels.bimodal());
    assertThat(returns).hasSize(8);
    assertThat(Arrays.stream(returns).allMatch(Double::isFinite)).isTrue();
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
