package org.worldmodels.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import org.worldmodels.util.Check;

/**
 * Puts uint8 RGB frames ({@code [height, width, 3]}, row-major, channels last, row 0 at the top:
 * the layout of an episode's {@code frames}) into images, each pixel repeated {@code scale} x
 * {@code scale} times. Shared by {@link FrameSheet} and {@link AnimatedGif}.
 */
final class FramePixels {
  private FramePixels() {}

  /**
   * Checks that {@code frame} holds {@code height * width * 3} values; names it by {@code what}.
   */
  static void check(byte[] frame, int height, int width, String what) {
    Check.argument(frame != null, what + " is null; expected " + height + " x " + width + " x 3");
    Check.argument(
        frame.length == height * width * 3,
        what
            + " has "
            + frame.length
            + " values; expected "
            + height
            + " x "
            + width
            + " x 3 = "
            + height * width * 3);
  }

  /** Writes {@code frame} into {@code raster} with its top-left corner at {@code (x0, y0)}. */
  static void paint(
      WritableRaster raster, int x0, int y0, byte[] frame, int height, int width, int scale) {
    int[] rgb = new int[3];
    for (int y = 0; y < height * scale; y++) {
      int rowStart = (y / scale) * width * 3;
      for (int x = 0; x < width * scale; x++) {
        int p = rowStart + (x / scale) * 3;
        rgb[0] = frame[p] & 0xff;
        rgb[1] = frame[p + 1] & 0xff;
        rgb[2] = frame[p + 2] & 0xff;
        raster.setPixel(x0 + x, y0 + y, rgb);
      }
    }
  }

  /** One frame alone as an RGB image, scaled. */
  static BufferedImage image(byte[] frame, int height, int width, int scale) {
    BufferedImage img =
        new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    paint(img.getRaster(), 0, 0, frame, height, width, scale);
    return img;
  }
}
