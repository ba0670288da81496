package org.worldmodels.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.worldmodels.util.AtomicFiles;

/** XChart conveniences: one look for every figure, and PNG files written atomically. */
public final class Charts {
  /** Default figure size in pixels. */
  public static final int WIDTH = 640;

  public static final int HEIGHT = 480;

  /** A colour-blind-friendly palette (Okabe and Ito); private, as arrays cannot be read-only. */
  private static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(240, 228, 66),
    Color.BLACK
  };

  private Charts() {}

  /** Colour {@code i} of the palette, repeating after its eight colours. */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** An XY chart with the project's style. */
  public static XYChart xy(String title, String xLabel, String yLabel) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setSeriesColors(PALETTE.clone());
    c.getStyler().setMarkerSize(3);
    c.getStyler().setXAxisDecimalPattern("0.0#");
    c.getStyler().setYAxisDecimalPattern("0.0#");
    return c;
  }

  /**
   * Makes {@code c}'s x axis one of counts (steps, generations) up to {@code last}, readable at any
   * count: it runs from 0 to a round end at or above {@code last}, labels have no grouping ({@code
   * 150000}, not {@code 150,000}), and ticks sit at round values at least XChart's tick hint apart.
   * Call it after adding the series.
   *
   * <p>Why the end matters: when the axis ends and the x values of all series are equally spaced
   * (one point per step), XChart puts the ticks on data points, as close as its estimate of the
   * label widths allows, and that estimate is too low: the labels ran into one another ({@code
   * 1,1451,4311,717}). Any other x values get round ticks spaced by the hint, so the end is moved
   * off the data's spacing where it would continue it.
   */
  public static void countAxis(XYChart c, double last) {
    double unit = roundUnit(last);
    double end = Math.max(unit, Math.ceil(last / unit) * unit);
    List<Double> xs = new ArrayList<>();
    for (XYSeries s : c.getSeriesCollection()) {
      for (double x : s.getXData()) {
        xs.add(x);
      }
    }
    // Two moves at most: a progression continues past the end by one spacing only.
    for (int i = 0; i < 2 && equallySpaced(0, xs, end); i++) {
      end += unit;
    }
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(end);
    c.getStyler().setXAxisDecimalPattern("0");
  }

  /** A tenth of the power of ten at or below {@code last} (1 for small counts). */
  private static double roundUnit(double last) {
    if (!(last >= 10)) {
      return 1;
    }
    return Math.pow(10, Math.floor(Math.log10(last)) - 1);
  }

  /**
   * Whether XChart would see {@code min}, {@code xs} and {@code max} (in that order, repeats
   * dropped) as equally spaced: its own test, with its tolerance of 1e-4.
   */
  static boolean equallySpaced(double min, List<Double> xs, double max) {
    Set<Double> values = new LinkedHashSet<>();
    values.add(min);
    values.addAll(xs);
    values.add(max);
    List<Double> v = new ArrayList<>(values);
    if (v.size() < 2) {
      return false;
    }
    double space = v.get(1) - v.get(0);
    for (int i = 2; i < v.size(); i++) {
      if (Math.abs(v.get(i) - v.get(i - 1) - space) >= 1e-4) {
        return false;
      }
    }
    return true;
  }

  /** Adds a scatter series of small translucent dots. */
  public static XYSeries scatter(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
    return s;
  }

  /** Adds a line series without markers. */
  public static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(2.5f);
    return s;
  }

  /** Writes {@code chart} as a PNG at {@code file}, atomically. */
  public static void savePng(IChart chart, Path file) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(file, out -> out.write(png));
  }
}
