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
   * dark red (the maximum).
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
    List<Number[]> cells = new ArrayList<>();
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        cells.add(new Number[] {i, j, z[i][j]});
        max = Math.max(max, z[i][j]);
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
