package org.worldmodels.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Frames;

/** {@link FrameSheet} on small synthetic frames whose every pixel says where it belongs. */
class FrameSheetTest {
  static final int H = 3;
  static final int W = 2;

  /** Pixel (y, x) of frame t of row r: a colour no other (r, t, y, x) has. */
  static int colour(int r, int t, int y, int x) {
    return (r * 40 + 20) << 16 | (t * 12 + 1) << 8 | (y * W + x) * 30 + 5;
  }

  static List<byte[]> frames(int r, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      byte[] f = new byte[H * W * 3];
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int c = colour(r, t, y, x);
          int p = (y * W + x) * 3;
          f[p] = (byte) (c >> 16);
          f[p + 1] = (byte) (c >> 8);
          f[p + 2] = (byte) c;
        }
      }
      out.add(f);
    }
    return out;
  }

  @Test
  void rowsWrapIntoBandsAlignedInTimeAndEveryPixelLandsInItsCell() {
    int scale = 2;
    FrameSheet s =
        FrameSheet.of(H, W)
            .row("real", frames(0, 5))
            .row("reconstructed", frames(1, 5))
            .row("dreamed", frames(2, 3))
            .columns(2)
            .scale(scale);
    BufferedImage img = s.image();
    int labels = s.origin(0, 0).x - FrameSheet.GAP / 2;
    assertThat(labels).as("a label column").isPositive();
    // Independent geometry: cells of (side * scale + 2), 3 bands of 3 rows, 8 pixels between bands.
    int cellW = W * scale + 2;
    int cellH = H * scale + 2;
    int band = 3 * cellH + FrameSheet.BAND_GAP;
    assertThat(img.getWidth()).isEqualTo(labels + 2 * cellW);
    assertThat(img.getHeight()).isEqualTo(3 * band - FrameSheet.BAND_GAP);
    assertThat(s.bands()).isEqualTo(3);
    int[] lengths = {5, 5, 3};
    for (int r = 0; r < 3; r++) {
      for (int t = 0; t < 5; t++) {
        int x0 = labels + (t % 2) * cellW + 1;
        int y0 = (t / 2) * band + r * cellH + 1;
        for (int y = 0; y < H * scale; y++) {
          for (int x = 0; x < W * scale; x++) {
            int expected =
                t < lengths[r] ? colour(r, t, y / scale, x / scale) : FrameSheet.BACKGROUND;
            assertThat(img.getRGB(x0 + x, y0 + y) & 0xffffff)
                .as("row %d frame %d pixel (%d, %d)", r, t, x, y)
                .isEqualTo(expected);
          }
        }
        if (t < lengths[r]) {
          assertThat(s.origin(r, t)).isEqualTo(new Point(x0, y0));
        }
      }
    }
    // The gap between cells and the empty cell of the last band stay grey.
    assertThat(img.getRGB(labels, 0) & 0xffffff).isEqualTo(FrameSheet.BACKGROUND);
    assertThat(img.getRGB(labels + cellW, cellH) & 0xffffff).isEqualTo(FrameSheet.BACKGROUND);
    // Labels: dark text on white somewhere left of the first row of each band.
    for (int b = 0; b < 3; b++) {
      assertThat(darkPixels(img, 0, b * band, labels, cellH))
          .as("label of band %d", b)
          .isPositive();
    }
    // No label where a row has no frames: "dreamed" (3 frames) in the third band.
    assertThat(darkPixels(img, 0, 2 * band + 2 * cellH, labels, cellH)).isZero();
  }

  private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
    int n = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int c = img.getRGB(x, y);
        n += ((c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)) < 300 ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void withoutLabelsAndWithAStrideOnlyEveryKthFrameIsShown() {
    FrameSheet s = FrameSheet.of(H, W).row("", frames(0, 10)).stride(3);
    assertThat(s.shownSteps()).isEqualTo(4); // 0, 3, 6, 9
    BufferedImage img = s.image();
    assertThat(img.getWidth()).isEqualTo(4 * (W + 2));
    assertThat(img.getHeight()).isEqualTo(H + 2);
    assertThat(s.origin(0, 9)).isEqualTo(new Point(3 * (W + 2) + 1, 1));
    assertThat(img.getRGB(3 * (W + 2) + 1, 1) & 0xffffff).isEqualTo(colour(0, 9, 0, 0));
    assertThatThrownBy(() -> s.origin(0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every 3-th frame");
  }

  @Test
  void filmstripsShowAtMost256FramesSixteenALine() {
    assertThat(FrameSheet.filmstripStride(1)).isEqualTo(1);
    assertThat(FrameSheet.filmstripStride(256)).isEqualTo(1);
    assertThat(FrameSheet.filmstripStride(257)).isEqualTo(2);
    assertThat(FrameSheet.filmstripStride(512)).isEqualTo(2);
    assertThat(FrameSheet.filmstripStride(513)).isEqualTo(3);
    FrameSheet s = FrameSheet.filmstrip(H, W, frames(0, 501));
    assertThat(s.shownSteps()).isEqualTo(251);
    assertThat(s.bands()).isEqualTo(16);
    BufferedImage img = s.image();
    assertThat(img.getWidth()).isEqualTo(16 * (W + 2));
    assertThat(img.getHeight()).isEqualTo(16 * (H + 2));
  }

  @Test
  void aComparisonLabelsItsRowsAndTakesEpisodeFrames() {
    List<byte[]> real = frames(0, 4);
    byte[] all = new byte[4 * H * W * 3];
    for (int t = 0; t < 4; t++) {
      System.arraycopy(real.get(t), 0, all, t * H * W * 3, H * W * 3);
    }
    FrameSheet fromFrames = FrameSheet.of(H, W).row("x", new Frames(all, 4, H, W));
    assertThat(fromFrames.rows().get(0).frames()).containsExactlyElementsOf(real);
    FrameSheet c = FrameSheet.comparison(H, W, real, frames(1, 4), List.of());
    assertThat(c.rows()).extracting(FrameSheet.Row::label).containsExactly("real", "reconstructed");
    assertThatThrownBy(() -> FrameSheet.of(4, W).row("x", new Frames(all, 4, H, W)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frames of 3 x 2; the sheet draws 4 x 2");
  }

  @Test
  void badFramesAndEmptySheetsAreRefused() {
    List<byte[]> bad = new ArrayList<>(frames(0, 2));
    bad.add(new byte[5]);
    assertThatThrownBy(() -> FrameSheet.of(H, W).row("dreamed", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 'dreamed' frame 2 has 5 values; expected 3 x 2 x 3 = 18");
    assertThatThrownBy(() -> FrameSheet.of(H, W).image())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no frames");
    assertThatThrownBy(() -> FrameSheet.of(H, W).columns(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameSheet.of(64, 64).row("", frames64(5000)).image())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
  }

  private static List<byte[]> frames64(int n) {
    byte[] f = new byte[64 * 64 * 3];
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f);
    }
    return out;
  }

  @Test
  void thePngHoldsTheImageAndNoTemporaryFileIsLeft(@TempDir Path tmp) throws Exception {
    FrameSheet s = FrameSheet.of(H, W).row("a", frames(0, 3)).row("b", frames(1, 2)).scale(3);
    Path file = tmp.resolve("sheet.png");
    s.writePng(file);
    BufferedImage back = ImageIO.read(file.toFile());
    BufferedImage img = s.image();
    assertThat(back.getWidth()).isEqualTo(img.getWidth());
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
      }
    }
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(file);
    }
  }
}
