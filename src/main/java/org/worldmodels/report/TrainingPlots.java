package org.worldmodels.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** Training curves. */
public final class TrainingPlots {
  private TrainingPlots() {}

  /**
   * Writes the mixture NLL per dimension against the step: the training batches' (a moving average
   * over about 1% of the run, so the trend shows through batch noise) and the validation figure.
   * Non-finite figures (steps skipped for a non-finite loss) are left out of both curves.
   */
  public static void loss(Path file, long[] steps, double[] trainNll, double[] valNll)
      throws IOException {
    Charts.savePng(lossChart(steps, trainNll, valNll), file);
  }

  /** The chart {@link #loss} writes. */
  static XYChart lossChart(long[] steps, double[] trainNll, double[] valNll) {
    XYChart c = Charts.xy("MDN-RNN mixture NLL per dimension", "step", "nats");
    List<Double> tx = new ArrayList<>();
    List<Double> ty = new ArrayList<>();
    for (int i = 0; i < trainNll.length; i++) {
      if (Double.isFinite(trainNll[i])) {
        tx.add((double) steps[i]);
        ty.add(trainNll[i]);
      }
    }
    int window = Math.max(1, steps.length / 100);
    double[] smooth = new double[ty.size()];
    double acc = 0;
    for (int i = 0; i < smooth.length; i++) {
      acc += ty.get(i);
      if (i >= window) {
        acc -= ty.get(i - window);
      }
      smooth[i] = acc / Math.min(i + 1, window);
    }
    double[] x = new double[steps.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = steps[i];
    }
    if (smooth.length > 0) {
      Charts.line(
          c,
          "train (moving average)",
          tx.stream().mapToDouble(Double::doubleValue).toArray(),
          smooth,
          Charts.color(0));
    }
    List<Double> vx = new ArrayList<>();
    List<Double> vy = new ArrayList<>();
    for (int i = 0; i < valNll.length; i++) {
      if (Double.isFinite(valNll[i])) {
        vx.add(x[i]);
        vy.add(valNll[i]);
      }
    }
    if (!vx.isEmpty()) {
      Charts.line(
              c,
              "validation",
              vx.stream().mapToDouble(Double::doubleValue).toArray(),
              vy.stream().mapToDouble(Double::doubleValue).toArray(),
              Charts.color(1))
          .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
    }
    Charts.countAxis(c, steps.length == 0 ? 1 : steps[steps.length - 1]);
    return c;
  }
}
