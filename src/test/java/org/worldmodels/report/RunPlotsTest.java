package org.worldmodels.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlotsTest {
  @TempDir Path tmp;

  @Test
  void openLoopWritesAPngOnALogAxisAndSkipsHorizonsWithoutStarts() throws Exception {
    Path file = tmp.resolve("open-loop.png");
    RunPlots.openLoop(file, new double[] {0.01, 0.03, 0.2, 1.5, Double.NaN});
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(Charts.WIDTH);
  }

  @Test
  void openLoopDrawsAZeroErrorOnALinearAxis() throws Exception {
    Path file = tmp.resolve("exact.png");
    RunPlots.openLoop(file, new double[] {0, 0.5});
    assertThat(ImageIO.read(file.toFile()).getHeight()).isEqualTo(Charts.HEIGHT);
  }

  @Test
  void openLoopWithoutAnyValueIsRefusedAndWritesNothing() {
    Path file = tmp.resolve("none.png");
    assertThatThrownBy(() -> RunPlots.openLoop(file, new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("open-loop RMSE has no finite value among its 1 horizons");
    assertThat(Files.exists(file)).isFalse();
  }
}
