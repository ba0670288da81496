package org.worldmodels.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** Heat maps of a function on a regular grid. */
public final class HeatMaps {
  private HeatMaps() {}

  /**
   * A heat map of {@code z[i][j]} at {@code (x[i], y[j])}, coloured from white (0) through blue to
   * dark red. The colour scale stops at the 98th percentile, so a few sharp peaks do not wash out
   * the rest; higher values take the top colour.
   */
  public static HeatMapChart of(
      String title, String xLabel, String yLabel, double[] x, double[] y, double[][] z) {
    HeatMapChart c =
        new HeatMapChartBuilder()
            .width(Charts.WIDTH + 80)
            .height(Charts.HEIGHT)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotContentSize(1.0);
    c.getStyler().setShowValue(false);
    c.getStyler().setDrawBorder(false);
    c.getStyler()
        .setRangeColors(
            new Color[] {
              Color.WHITE, new Color(86, 180, 233), new Color(0, 114, 178), new Color(120, 0, 0)
            });
    c.getStyler().setXAxisDecimalPattern("0.00");
    c.getStyler().setYAxisDecimalPattern("0.00");
    c.getStyler().setXAxisTickMarkSpacingHint(60);
    c.getStyler().setHeatMapValueDecimalPattern("0.0");
    List<Double> xs = new ArrayList<>();
    for (double v : x) {
      xs.add(round(v));
    }
    List<Double> ys = new ArrayList<>();
    for (double v : y) {
      ys.add(round(v));
    }
    double[] all = new double[x.length * y.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        all[i * y.length + j] = z[i][j];
      }
    }
    java.util.Arrays.sort(all);
    double max = all[(int) Math.floor(0.98 * (all.length - 1))];
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        cells.add(new Number[] {i, j, Math.round(Math.min(z[i][j], max) * 100) / 100.0});
      }
    }
    c.getStyler().setMin(0);
    c.getStyler().setMax(max > 0 ? max : 1);
    c.addSeries(title, xs, ys, cells);
    return c;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
