package org.worldmodels.vision;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * Synthetic frames with known factors, to test what a VAE's latent captures: a disc of one colour
 * on a plain white background, drawn with Java2D (anti-aliased), its centre {@code (x, y)} and
 * radius drawn uniformly per frame. Frames are independent; they are grouped into episodes only
 * because the trainer splits by episode.
 *
 * <p>Radius in {@code [minRadius, maxRadius]} pixels; the centre keeps the whole disc inside the
 * frame. Episode {@code i} depends on (seed, i) alone.
 */
public final class DiscFrames implements FrameSource {
  /** Disc colour: Pendulum's rod colour, a mid-tone red. */
  public static final Color DISC = new Color(204, 77, 77);

  private final int frameSize;
  private final List<byte[][]> frames = new ArrayList<>();
  private final List<double[][]> factors = new ArrayList<>();

  /**
   * Generates {@code episodes} episodes of {@code length} frames.
   *
   * @param minRadius smallest radius in pixels, {@code >= 1}
   * @param maxRadius largest radius, {@code >= minRadius} and below half the frame
   */
  public DiscFrames(
      int frameSize, int episodes, int length, double minRadius, double maxRadius, long seed) {
    this.frameSize = Check.inRange("frame size", frameSize, 8, 1024);
    Check.positive("episodes", episodes);
    Check.positive("length", length);
    Check.inRange("min radius", minRadius, 1, frameSize / 2.0);
    Check.inRange("max radius", maxRadius, minRadius, frameSize / 2.0 - 1);
    for (int e = 0; e < episodes; e++) {
      SplittableRandom rng = Seeds.stream(seed, 0x44495343L, e); // "DISC"
      byte[][] f = new byte[length][];
      double[][] k = new double[length][];
      for (int t = 0; t < length; t++) {
        double r = minRadius + (maxRadius - minRadius) * rng.nextDouble();
        double x = r + (frameSize - 2 * r) * rng.nextDouble();
        double y = r + (frameSize - 2 * r) * rng.nextDouble();
        f[t] = draw(frameSize, x, y, r);
        k[t] = new double[] {x, y, r};
      }
      frames.add(f);
      factors.add(k);
    }
  }

  /** One frame: a disc centred at {@code (x, y)} (pixels from the top left) of radius {@code r}. */
  public static byte[] draw(int size, double x, double y, double r) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setColor(DISC);
      g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    } finally {
      g.dispose();
    }
    int[] rgb = img.getRGB(0, 0, size, size, null, 0, size);
    byte[] out = new byte[size * size * 3];
    for (int i = 0; i < rgb.length; i++) {
      out[3 * i] = (byte) (rgb[i] >> 16);
      out[3 * i + 1] = (byte) (rgb[i] >> 8);
      out[3 * i + 2] = (byte) rgb[i];
    }
    return out;
  }

  @Override
  public int frameSize() {
    return frameSize;
  }

  @Override
  public int episodes() {
    return frames.size();
  }

  @Override
  public byte[][] episode(int i) {
    return frames.get(i);
  }

  /** Factors of episode {@code i}'s frames: {@code [T][3]} of centre x, centre y, radius. */
  public double[][] factors(int i) {
    return factors.get(i);
  }
}
