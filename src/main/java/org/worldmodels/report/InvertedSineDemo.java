package org.worldmodels.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.worldmodels.mdn.InvertedSine;
import org.worldmodels.mdn.LeastSquaresNet;
import org.worldmodels.mdn.MdnConfig;
import org.worldmodels.mdn.MdnRegressor;
import org.worldmodels.mdn.Mixture;
import org.worldmodels.util.Progress;

/**
 * Bishop's (1994) figures for the inverted sine: least squares fits the forward problem and fails
 * the inverse one, where the MDN recovers every branch.
 */
public final class InvertedSineDemo {
  /** Training points, as in Bishop's report. */
  public static final int POINTS = 2000;

  private static final int GRID = 100;

  private InvertedSineDemo() {}

  /**
   * The figures and the figures' numbers.
   *
   * @param files the PNGs written
   * @param mdnTestNll held-out NLL of the MDN on fresh points, nats
   * @param leastSquaresRmse the least-squares inverse's RMS error on the training points
   */
  public record Result(List<Path> files, double mdnTestNll, double leastSquaresRmse) {}

  /** Fits both models and writes figures (a) to (f) into {@code dir}. */
  public static Result write(Path dir, MdnConfig config, Progress progress) throws IOException {
    double[][] data = InvertedSine.sample(POINTS, config.seed());
    double[] x = data[0];
    double[] t = data[1];
    double[][] fresh = InvertedSine.sample(POINTS, config.seed() + 1_000_003);

    LeastSquaresNet forward =
        LeastSquaresNet.fit(x, t, config.hidden(), 4000, 1e-2, config.seed(), progress);
    LeastSquaresNet inverse =
        LeastSquaresNet.fit(t, x, config.hidden(), 4000, 1e-2, config.seed(), progress);
    MdnRegressor mdn = MdnRegressor.fit(t, x, config, progress);

    List<Path> files = new ArrayList<>();
    double[] xs = grid(0, 1, GRID);
    double[] ts = grid(-0.1, 1.1, GRID);

    XYChart a = Charts.xy("(a) forward problem: least squares fits t(x)", "x", "t");
    Charts.scatter(a, "data", x, t, Charts.color(0));
    Charts.line(a, "least squares", xs, map(xs, forward::predict), Charts.color(1));
    files.add(save(a, dir, "a-forward-least-squares.png"));

    XYChart b = Charts.xy("(b) inverse problem: least squares averages the branches", "t", "x");
    Charts.scatter(b, "data", t, x, Charts.color(0));
    Charts.line(b, "least squares", ts, map(ts, inverse::predict), Charts.color(1));
    files.add(save(b, dir, "b-inverse-least-squares.png"));

    Mixture[] mix = new Mixture[ts.length];
    for (int i = 0; i < ts.length; i++) {
      mix[i] = mdn.mixture(ts[i]);
    }
    XYChart c = Charts.xy("(c) MDN: most probable x given t", "t", "x");
    Charts.scatter(c, "data", t, x, Charts.color(0));
    double[] modes = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      modes[i] = mix[i].mode();
    }
    Charts.scatter(c, "mode", ts, modes, Charts.color(1)).setMarkerColor(Charts.color(1));
    files.add(save(c, dir, "c-mdn-mode.png"));

    XYChart d = Charts.xy("(d) MDN: one sample of x per data t", "t", "x");
    Charts.scatter(d, "data", t, x, Charts.color(0));
    double[] samples = new double[t.length];
    SplittableRandom rng = new SplittableRandom(config.seed());
    for (int i = 0; i < t.length; i++) {
      samples[i] = mdn.mixture(t[i]).sample(rng);
    }
    Charts.scatter(d, "samples", t, samples, Charts.color(1));
    files.add(save(d, dir, "d-mdn-samples.png"));

    XYChart e = Charts.xy("(e) MDN: mixture weights pi_k(t)", "t", "pi_k");
    int k = config.mixtures();
    for (int j = 0; j < k; j++) {
      double[] w = new double[ts.length];
      for (int i = 0; i < ts.length; i++) {
        w[i] = mix[i].weights()[j];
      }
      Charts.line(e, "pi_" + (j + 1), ts, w, Charts.color(j));
    }
    e.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    files.add(save(e, dir, "e-mixture-weights.png"));

    double[] xg = grid(-0.05, 1.05, GRID);
    double[][] density = new double[ts.length][xg.length];
    for (int i = 0; i < ts.length; i++) {
      for (int j = 0; j < xg.length; j++) {
        density[i][j] = mix[i].density(xg[j]);
      }
    }
    var f = HeatMaps.of("(f) MDN: conditional density p(x | t)", "t", "x", ts, xg, density);
    files.add(save(f, dir, "f-conditional-density.png"));

    double rmse = 0;
    for (int i = 0; i < t.length; i++) {
      double err = inverse.predict(t[i]) - x[i];
      rmse += err * err;
    }
    rmse = Math.sqrt(rmse / t.length);
    return new Result(files, mdn.negLogLikelihood(fresh[1], fresh[0]), rmse);
  }

  private static Path save(org.knowm.xchart.internal.chartpart.IChart chart, Path dir, String name)
      throws IOException {
    Path p = dir.resolve(name);
    Charts.savePng(chart, p);
    return p;
  }

  static double[] grid(double lo, double hi, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = lo + (hi - lo) * i / (n - 1);
    }
    return g;
  }

  private static double[] map(double[] v, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = f.applyAsDouble(v[i]);
    }
    return out;
  }
}
