package org.worldmodels.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Check;

/** The figures of a pipeline run's report. */
public final class RunPlots {
  private RunPlots() {}

  /**
   * Real and dreamed trajectories under the same actions, one panel per latent dimension: the dream
   * starts from the real {@code z[0]} and feeds back its own samples.
   *
   * @param real {@code [T+1][Z]}
   * @param dreamed {@code [T+1][Z]}
   * @param names dimension names (or null)
   */
  public static void realVsDream(Path file, float[][] real, float[][] dreamed, String[] names)
      throws IOException {
    int zs = real[0].length;
    List<XYChart> charts = new ArrayList<>();
    for (int d = 0; d < zs; d++) {
      String name = names != null && d < names.length ? names[d] : "z[" + d + "]";
      XYChart c = Charts.xy(name, "step", name);
      Charts.line(c, "real", steps(real.length), column(real, d), Charts.color(0));
      Charts.line(c, "dream", steps(dreamed.length), column(dreamed, d), Charts.color(1))
          .setLineStyle(SeriesLines.DASH_DASH);
      Charts.countAxis(c, Math.max(real.length, dreamed.length) - 1);
      charts.add(c);
    }
    // XChart's grid needs exactly rows x cols charts: two columns when the count is even.
    int cols = zs % 2 == 0 ? 2 : 1;
    int rows = zs / cols;
    AtomicFiles.write(
        file,
        out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Best and mean dream return of each CMA-ES generation. */
  public static void cmaes(Path file, double[] best, double[] mean) throws IOException {
    Charts.savePng(cmaesChart(best, mean), file);
  }

  /** The chart {@link #cmaes} writes. */
  static XYChart cmaesChart(double[] best, double[] mean) {
    XYChart c = Charts.xy("CMA-ES in the dream", "generation", "dream return");
    double[] g = new double[best.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = i + 1;
    }
    Charts.line(c, "best candidate", g, best, Charts.color(1));
    Charts.line(c, "population mean", g, mean, Charts.color(0));
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    Charts.countAxis(c, g.length);
    return c;
  }

  /**
   * The open-loop error of the dream against the horizon {@code k = 1..H} ({@code eval --horizon}):
   * how fast the mean prediction leaves the recorded trajectory. Horizons without a value (NaN: no
   * start reached them) are left out; the y axis is logarithmic when every value drawn is positive.
   *
   * @param rmse {@code rmse[k-1]}, the open-loop RMSE at horizon {@code k}
   * @throws IllegalArgumentException if no horizon has a finite value
   */
  public static void openLoop(Path file, double[] rmse) throws IOException {
    List<Double> ks = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    boolean positive = true;
    for (int k = 1; k <= rmse.length; k++) {
      double v = rmse[k - 1];
      if (Double.isFinite(v)) {
        ks.add((double) k);
        values.add(v);
        positive &= v > 0;
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "open-loop RMSE has no finite value among its " + rmse.length + " horizons");
    }
    XYChart c = Charts.xy("Open-loop error of the dream", "horizon k (steps)", "RMSE of z");
    c.getStyler().setXAxisDecimalPattern("0");
    c.getStyler().setLegendVisible(false);
    // XChart refuses values <= 0 on a logarithmic axis.
    c.getStyler().setYAxisLogarithmic(positive);
    if (positive) {
      c.getStyler().setYAxisDecimalPattern("0.###E0");
    }
    Charts.line(c, "open-loop RMSE", unbox(ks), unbox(values), Charts.color(0));
    Charts.savePng(c, file);
  }

  private static double[] unbox(List<Double> xs) {
    double[] out = new double[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }

  /**
   * Real and dream return of each round's controller (World Models' iterative training), rounds
   * numbered from 0.
   */
  public static void rounds(Path file, double[] realPerRound, double[] dreamPerRound)
      throws IOException {
    Check.argument(
        realPerRound.length > 0 && realPerRound.length == dreamPerRound.length,
        "rounds plot: expected as many dream as real returns (at least one), got "
            + dreamPerRound.length
            + " and "
            + realPerRound.length);
    XYChart c = Charts.xy("Return per round", "round", "mean return");
    c.getStyler().setXAxisDecimalPattern("0");
    double[] r = steps(realPerRound.length);
    // Markers: with a few rounds, the points matter more than the lines between them.
    c.getStyler().setMarkerSize(9);
    XYSeries real = Charts.line(c, "real", r, realPerRound, Charts.color(0));
    real.setMarker(SeriesMarkers.CIRCLE);
    real.setMarkerColor(Charts.color(0));
    XYSeries d = Charts.line(c, "dream", r, dreamPerRound, Charts.color(1));
    d.setMarker(SeriesMarkers.DIAMOND);
    d.setMarkerColor(Charts.color(1));
    d.setLineStyle(SeriesLines.DASH_DASH);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    Charts.savePng(c, file);
  }

  /** A histogram of real-environment returns in {@code bins} equal bins. */
  public static void returns(Path file, double[] returns, int bins) throws IOException {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double r : returns) {
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    if (hi - lo < 1e-9) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / bins;
    List<String> labels = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(String.format("%.0f", lo + (b + 0.5) * width));
      counts.add(0);
    }
    for (double r : returns) {
      int b = Math.min(bins - 1, (int) ((r - lo) / width));
      counts.set(b, counts.get(b) + 1);
    }
    CategoryChart c =
        new CategoryChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT)
            .title("Real returns of the dream-trained controller (" + returns.length + " episodes)")
            .xAxisTitle("return")
            .yAxisTitle("episodes")
            .build();
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setSeriesColors(new java.awt.Color[] {Charts.color(0)});
    c.getStyler().setXAxisLabelRotation(45);
    c.addSeries("episodes", labels, counts);
    Charts.savePng(c, file);
  }

  private static double[] steps(int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
    }
    return s;
  }

  private static double[] column(float[][] m, int d) {
    double[] c = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][d];
    }
    return c;
  }
}
