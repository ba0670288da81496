package org.worldmodels.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlotsTest {
  @TempDir Path tmp;

  @Test
  void readsOnlyFigureLinesAndDrawsBothPlots() throws Exception {
    Path in = tmp.resolve("figures.txt");
    Files.writeString(
        in,
        """
        # machine: 2 cores
        {"ms_per_step": 297.6, "batch": 100, "seq_len": 100, "hidden": 256}
        {"ms_per_step": 110.6, "batch": 25, "seq_len": 100, "hidden": 256}
        {"ms_per_step": 64.7, "batch": 100, "seq_len": 25, "hidden": 256}
        {"us_per_sample_step": 41.4, "batch": 1, "backend": "java"}
        {"us_per_sample_step": 7.5, "batch": 4096, "backend": "tensorflow"}
        RESULT {"not": "ours"
        {broken
        """);
    var figures = BenchPlots.read(in);
    assertThat(figures).hasSize(5);
    BenchPlots.write(figures, tmp.resolve("out"));
    for (String f : new String[] {"train-scaling.png", "dream-scaling.png"}) {
      assertThat(ImageIO.read(tmp.resolve("out").resolve(f).toFile()).getWidth())
          .as(f)
          .isEqualTo(Charts.WIDTH);
    }
  }

  @Test
  void refusesAFileWithoutFigures() {
    assertThatThrownBy(() -> BenchPlots.write(List.of(), tmp))
        .hasMessageContaining("no benchmark figures");
  }
}
