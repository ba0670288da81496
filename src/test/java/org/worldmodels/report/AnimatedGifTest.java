package org.worldmodels.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AnimatedGif}: read back with ImageIO's GIF reader. */
class AnimatedGifTest {
  @Test
  void everyFrameIsAnImageWithItsDelayAndTheFirstLoops(@TempDir Path tmp) throws Exception {
    // Few colours, so the GIF's palettes hold them exactly.
    List<byte[]> frames = FrameSheetTest.frames(0, 7);
    Path file = tmp.resolve("a.gif");
    AnimatedGif.write(file, FrameSheetTest.H, FrameSheetTest.W, frames, 5, 2);
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      try {
        reader.setInput(in);
        assertThat(reader.getNumImages(true)).isEqualTo(7);
        for (int t = 0; t < 7; t++) {
          BufferedImage img = reader.read(t);
          assertThat(img.getWidth()).isEqualTo(2 * FrameSheetTest.W);
          assertThat(img.getHeight()).isEqualTo(2 * FrameSheetTest.H);
          for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
              assertThat(img.getRGB(x, y) & 0xffffff)
                  .isEqualTo(FrameSheetTest.colour(0, t, y / 2, x / 2));
            }
          }
          IIOMetadataNode root =
              (IIOMetadataNode) reader.getImageMetadata(t).getAsTree("javax_imageio_gif_image_1.0");
          IIOMetadataNode control =
              (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
          assertThat(control.getAttribute("delayTime")).isEqualTo("5");
          int apps = root.getElementsByTagName("ApplicationExtension").getLength();
          assertThat(apps).as("loop extension on frame %d", t).isEqualTo(t == 0 ? 1 : 0);
        }
      } finally {
        reader.dispose();
      }
    }
  }

  @Test
  void badInputWritesNothing(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("a.gif");
    assertThatThrownBy(() -> AnimatedGif.write(file, 3, 2, List.of(), 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no frames");
    assertThatThrownBy(() -> AnimatedGif.write(file, 3, 2, List.of(new byte[17]), 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GIF frame 0 has 17 values");
    assertThatThrownBy(() -> AnimatedGif.write(file, 3, 2, List.of(new byte[18]), 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay");
    try (var files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }
}
