package org.worldmodels.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Check;

/** Figures of the ConvVAE: training curves and grids of frames. */
public final class VaePlots {
  private VaePlots() {}

  /**
   * Writes the training loss per frame (a moving average over about 1% of the steps), its KL term,
   * and the validation squared error per frame at epoch ends, against the step.
   *
   * @param valSquaredError NaN where there is no validation figure
   */
  public static void loss(
      Path file, long[] steps, double[] trainLoss, double[] kl, double[] valSquaredError)
      throws IOException {
    XYChart c = Charts.xy("ConvVAE loss per frame", "step", "loss");
    double[] x = new double[steps.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = steps[i];
    }
    int window = Math.max(1, steps.length / 100);
    if (x.length > 0) {
      Charts.line(
          c, "train loss (moving average)", x, movingAverage(trainLoss, window), Charts.color(0));
      Charts.line(c, "train KL (moving average)", x, movingAverage(kl, window), Charts.color(2));
    }
    int n = 0;
    for (double v : valSquaredError) {
      n += Double.isFinite(v) ? 1 : 0;
    }
    if (n > 0) {
      double[] vx = new double[n];
      double[] vy = new double[n];
      int k = 0;
      for (int i = 0; i < valSquaredError.length; i++) {
        if (Double.isFinite(valSquaredError[i])) {
          vx[k] = x[i];
          vy[k++] = valSquaredError[i];
        }
      }
      Charts.line(c, "validation squared error", vx, vy, Charts.color(1))
          .setMarker(SeriesMarkers.CIRCLE);
    }
    Charts.countAxis(c, steps.length == 0 ? 1 : steps[steps.length - 1]);
    Charts.savePng(c, file);
  }

  private static double[] movingAverage(double[] v, int window) {
    double[] out = new double[v.length];
    double acc = 0;
    int count = 0;
    for (int i = 0; i < v.length; i++) {
      double a = Double.isFinite(v[i]) ? v[i] : 0;
      acc += a;
      count++;
      if (i >= window) {
        acc -= Double.isFinite(v[i - window]) ? v[i - window] : 0;
        count--;
      }
      out[i] = acc / count;
    }
    return out;
  }

  /**
   * Writes rows of RGB frames as one PNG, each frame scaled by {@code scale} with a 2-pixel white
   * gap: for example originals above their reconstructions.
   *
   * @param rows each a list of frames {@code [side * side * 3]} uint8, row-major, channels last
   */
  public static void frameGrid(Path file, int side, List<List<byte[]>> rows, int scale)
      throws IOException {
    Check.argument(!rows.isEmpty(), "frame grid: no rows");
    Check.positive("scale", scale);
    int cols = 0;
    for (List<byte[]> r : rows) {
      cols = Math.max(cols, r.size());
    }
    int cell = side * scale + 2;
    BufferedImage img =
        new BufferedImage(Math.max(1, cols * cell), rows.size() * cell, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, 0xffffff);
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        byte[] f = rows.get(r).get(c);
        Check.argument(
            f.length == side * side * 3,
            "frame grid: a frame has " + f.length + " values, expected " + side * side * 3);
        for (int i = 0; i < side * scale; i++) {
          for (int j = 0; j < side * scale; j++) {
            int p = ((i / scale) * side + j / scale) * 3;
            int rgb = (f[p] & 0xff) << 16 | (f[p + 1] & 0xff) << 8 | (f[p + 2] & 0xff);
            img.setRGB(c * cell + 1 + j, r * cell + 1 + i, rgb);
          }
        }
      }
    }
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this JVM");
          }
        });
  }
}
