package org.worldmodels.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
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
