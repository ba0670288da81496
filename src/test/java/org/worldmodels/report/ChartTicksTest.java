package org.worldmodels.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;

/**
 * The step axis of {@code training.png} (and the other count axes) stays readable at any count:
 * short labels without grouping, a handful of them, with room between them. The ticks are the ones
 * XChart computes while it paints the chart (read from its axis, an internal part).
 */
class ChartTicksTest {
  @Test
  void trainingStepAxisIsReadableAtAnyStepCount() throws Exception {
    for (int n : new int[] {1, 7, 100, 4_000, 4_096, 150_000}) {
      long[] steps = new long[n];
      double[] train = new double[n];
      double[] val = new double[n];
      for (int i = 0; i < n; i++) {
        steps[i] = i + 1;
        train[i] = 1.0 / (1 + 0.01 * i);
        val[i] = i % 50 == 49 ? train[i] : Double.NaN;
      }
      assertReadable(TrainingPlots.lossChart(steps, train, val), "training at " + n + " steps");
    }
    // Steps logged every 100 from 100: the end must not continue the data's spacing either.
    long[] hundreds = new long[40];
    double[] nll = new double[40];
    for (int i = 0; i < hundreds.length; i++) {
      hundreds[i] = 100L * (i + 1);
      nll[i] = 1;
    }
    assertReadable(TrainingPlots.lossChart(hundreds, nll, nll), "training every 100 steps");
  }

  @Test
  void generationAxisIsReadableToo() throws Exception {
    for (int g : new int[] {3, 300, 2_000}) {
      double[] best = new double[g];
      double[] mean = new double[g];
      for (int i = 0; i < g; i++) {
        best[i] = Math.sqrt(i);
        mean[i] = 0.5 * Math.sqrt(i);
      }
      assertReadable(RunPlots.cmaesChart(best, mean), "CMA-ES at " + g + " generations");
    }
  }

  @Test
  void xChartsOwnEqualSpacingTestIsWhatWeAvoid() {
    assertThat(Charts.equallySpaced(0, List.of(1.0, 2.0, 3.0), 4)).isTrue();
    assertThat(Charts.equallySpaced(0, List.of(1.0, 2.0, 3.0), 3)).isTrue();
    assertThat(Charts.equallySpaced(0, List.of(1.0, 2.0, 3.0), 5)).isFalse();
    assertThat(Charts.equallySpaced(0, List.of(1.0, 3.0), 4)).isFalse();
  }

  /**
   * Paints {@code chart} and checks its x tick labels within the axis: whole numbers without
   * grouping, at most 7 characters, 2 to 12 of them, equally spaced in value, and at least 10
   * pixels of space between neighbours as drawn in the tick font.
   */
  private static void assertReadable(XYChart chart, String what) throws Exception {
    BitmapEncoder.getBufferedImage(chart);
    AxisTickCalculator ticks = xTicks(chart);
    double end = chart.getStyler().getXAxisMax();
    List<String> labels = new ArrayList<>();
    List<Double> at = new ArrayList<>();
    for (int i = 0; i < ticks.getTickLabels().size(); i++) {
      String label = ticks.getTickLabels().get(i);
      assertThat(label).as(what + ": label " + i).matches("-?[0-9]{1,7}");
      double v = Double.parseDouble(label);
      if (v >= 0 && v <= end) {
        labels.add(label);
        at.add(ticks.getTickLocations().get(i));
      }
    }
    assertThat(labels).as(what).hasSizeBetween(2, 12);
    Font font = chart.getStyler().getAxisTickLabelsFont();
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    FontRenderContext frc = g.getFontRenderContext();
    double spacing = Double.parseDouble(labels.get(1)) - Double.parseDouble(labels.get(0));
    for (int i = 1; i < labels.size(); i++) {
      String a = labels.get(i - 1);
      String b = labels.get(i);
      assertThat(Double.parseDouble(b) - Double.parseDouble(a))
          .as(what + ": spacing of " + labels)
          .isEqualTo(spacing);
      double room =
          at.get(i)
              - at.get(i - 1)
              - (width(a, font, frc) + width(b, font, frc)) / 2; // labels are centred on ticks
      assertThat(room)
          .as(what + ": pixels between " + a + " and " + b + " in " + labels)
          .isGreaterThan(10);
    }
  }

  private static double width(String s, Font font, FontRenderContext frc) {
    return new TextLayout(s, font, frc).getBounds().getWidth();
  }

  /** XChart's x-axis tick calculator of the last paint (no public way to it). */
  private static AxisTickCalculator xTicks(XYChart chart) throws ReflectiveOperationException {
    Field f = AxesChart.class.getDeclaredField("axisPair");
    f.setAccessible(true);
    return ((AxisPair<?, ?>) f.get(chart)).getXAxis().getAxisTickCalculator();
  }
}
