package org.worldmodels.env.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * The drawing surface the renderers share: an {@code N x N} Java2D image whose user space is
 * Gymnasium's screen, y up, restricted to a view window.
 *
 * <p><b>Processing to N x N.</b> The scene is drawn directly at the frame size: the Graphics2D
 * transform maps the window {@code [x0, x1] x [y0, y1]} of the Gymnasium screen (in screen pixels,
 * y up) onto the {@code N x N} frame, flipping y so that row 0 is the top, and anti-aliasing gives
 * each frame pixel the covered fraction of every shape. That is an area-average downscale of the
 * same scene drawn at screen size (up to the renderer's coverage sampling), at a fraction of the
 * cost: a 64 x 64 frame costs tens of microseconds instead of a 600 x 400 draw plus a resize. The
 * window crops white margins that nothing ever enters (each renderer documents its window), so the
 * small objects cover more of the frame; the scale may differ between x and y.
 */
abstract class ScreenCanvas implements Renderer {
  static {
    // Rendering needs no display; without this a set but unreachable DISPLAY could break
    // createGraphics. An explicit choice of the application (-Djava.awt.headless=false) wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final int MIN_SIZE = 1;
  private static final int MAX_SIZE = 4096;

  private final int size;
  private final int stateSize;
  private final BufferedImage image;
  private final int[] pixels;
  private final AffineTransform screenToFrame;

  /**
   * @param size frame side N
   * @param stateSize length of the state vectors drawn
   * @param x0 left edge of the window, screen pixels
   * @param x1 right edge
   * @param y0 bottom edge of the window, screen pixels, y up
   * @param y1 top edge
   */
  ScreenCanvas(int size, int stateSize, double x0, double x1, double y0, double y1) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "frame size must be in [" + MIN_SIZE + ", " + MAX_SIZE + "], got " + size);
    }
    this.size = size;
    this.stateSize = stateSize;
    this.image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    double sx = size / (x1 - x0);
    double sy = size / (y1 - y0);
    // column = (x - x0) * sx; row = (y1 - y) * sy
    this.screenToFrame = new AffineTransform(sx, 0, 0, -sy, -x0 * sx, y1 * sy);
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final void render(float[] state, byte[] rgb) {
    if (state == null || state.length != stateSize) {
      throw new IllegalArgumentException(
          "state must have length "
              + stateSize
              + ", got "
              + (state == null ? "null" : "length " + state.length));
    }
    for (int i = 0; i < state.length; i++) {
      if (!Float.isFinite(state[i])) {
        throw new IllegalArgumentException(
            "state must be finite, got " + Arrays.toString(state) + " (index " + i + ")");
      }
    }
    if (rgb == null || rgb.length != frameBytes()) {
      throw new IllegalArgumentException(
          "frame buffer must have "
              + frameBytes()
              + " bytes ("
              + size
              + " x "
              + size
              + " x 3), got "
              + (rgb == null ? "null" : rgb.length));
    }
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      // Pure: shapes are not nudged to pixel centres, so geometry stays where the numbers say.
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.transform(screenToFrame);
      draw(g, state);
    } finally {
      g.dispose();
    }
    for (int p = 0, b = 0; p < pixels.length; p++, b += 3) {
      int c = pixels[p];
      rgb[b] = (byte) (c >>> 16);
      rgb[b + 1] = (byte) (c >>> 8);
      rgb[b + 2] = (byte) c;
    }
  }

  /**
   * Draws the scene in screen coordinates (y up) on a white background.
   *
   * @param g transformed to the screen window; may be transformed further
   * @param state checked: right length, finite
   */
  abstract void draw(Graphics2D g, float[] state);
}
