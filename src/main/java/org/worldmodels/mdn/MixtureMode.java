package org.worldmodels.mdn;

import java.util.Arrays;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * The global maximum of a mixture's density, for any {@link ComponentFamily}: a grid scan finds the
 * basins, a bracketing maximiser (Brent's, which needs no derivative and copes with the kinks of
 * Laplace mixtures) polishes the best of them.
 *
 * <ol>
 *   <li>Candidates: every component's own mode, evaluated exactly. A Laplace mixture's density is
 *       convex between its kinks, so its mode is one of these points.
 *   <li>Grid: {@value #GRID_POINTS} points over {@code [min_k(mu_k - r sigma_k), max_k(mu_k + r
 *       sigma_k)]}, {@code r = family.searchRadius()}, components of weight 0 left out. Broad
 *       peaks, including those made by overlapping components, show up as local maxima.
 *   <li>Refinement: the {@value #GRID_PEAKS} highest grid local maxima, each in the bracket of its
 *       two grid neighbours, and every component mode in a bracket of {@code +-min(h, 2 sigma_k)}
 *       ({@code h} the grid step), which catches peaks too narrow for the grid. The best point seen
 *       anywhere is returned.
 * </ol>
 *
 * <p>Cost: {@value #GRID_POINTS} + K evaluations of the log density, plus a few dozen for each of
 * the at most {@value #GRID_PEAKS} + K refinements. There is no faster Gaussian-only path: starting
 * a mean-shift from each component mean is not known to reach the global mode of a mixture with
 * unequal scales, and a wrong "most probable point" would be silent.
 */
final class MixtureMode {
  /**
   * Grid points: for one Gaussian component, 1000 steps across its 12 sigma search range, about 83
   * per sigma; peaks narrower than the step are caught from the component modes instead.
   */
  static final int GRID_POINTS = 1001;

  /**
   * Grid local maxima refined. The global peak's basin holds the highest grid point unless two
   * peaks differ by less than the grid's own error; refining several guards against such ties.
   */
  static final int GRID_PEAKS = 6;

  /**
   * Brent's relative tolerance: a few ulps of x, just above commons-math's floor of 2 ulp(1). Past
   * this the log density is flat to rounding anyway (it changes by ~(dx/sigma)^2).
   */
  private static final double RELATIVE_TOLERANCE = 1e-15;

  /** Brent's absolute tolerance, as a fraction of the bracket half-width. */
  private static final double ABSOLUTE_TOLERANCE = 1e-12;

  /** Far more than Brent needs (at most ~60 golden-section steps at these tolerances). */
  private static final int MAX_EVALUATIONS = 10_000;

  private MixtureMode() {}

  /** The argmax of {@code m}'s density. */
  static double of(Mixture m) {
    ComponentFamily family = m.family();
    int kCount = m.size();
    Best best = new Best();

    double r = family.searchRadius();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] modes = new double[kCount];
    for (int k = 0; k < kCount; k++) {
      modes[k] = family.mode(m.mu(k), m.sigma(k));
      if (m.logWeight(k) == Double.NEGATIVE_INFINITY) {
        continue; // weight 0: cannot hold the mode, must not stretch the grid
      }
      best.offer(modes[k], m.logDensity(modes[k]));
      lo = Math.min(lo, Math.min(modes[k], m.mu(k) - r * m.sigma(k)));
      hi = Math.max(hi, Math.max(modes[k], m.mu(k) + r * m.sigma(k)));
    }
    // When sigma is below the spacing of doubles at mu the range collapses to a point: the
    // component modes are then all there is to compare.
    if (!(hi > lo)) {
      return best.x;
    }

    double h = (hi - lo) / (GRID_POINTS - 1);
    double[] f = new double[GRID_POINTS];
    for (int i = 0; i < GRID_POINTS; i++) {
      f[i] = m.logDensity(gridPoint(lo, hi, h, i));
      best.offer(gridPoint(lo, hi, h, i), f[i]);
    }

    for (int i : highestLocalMaxima(f, GRID_PEAKS)) {
      double a = gridPoint(lo, hi, h, Math.max(i - 1, 0));
      double b = gridPoint(lo, hi, h, Math.min(i + 1, GRID_POINTS - 1));
      refine(m, a, b, gridPoint(lo, hi, h, i), best);
    }
    for (int k = 0; k < kCount; k++) {
      if (m.logWeight(k) > Double.NEGATIVE_INFINITY) {
        double w = Math.min(h, 2 * m.sigma(k));
        refine(m, modes[k] - w, modes[k] + w, modes[k], best);
      }
    }
    return best.x;
  }

  private static double gridPoint(double lo, double hi, double h, int i) {
    // The last point is hi itself, not lo + (n - 1) h rounded past it.
    return i == GRID_POINTS - 1 ? hi : lo + i * h;
  }

  /**
   * Indices of the {@code count} highest local maxima of {@code f} (ends count with their one
   * neighbour; on a plateau every point counts), highest first.
   */
  static int[] highestLocalMaxima(double[] f, int count) {
    int n = f.length;
    int[] peaks = new int[n];
    int found = 0;
    for (int i = 0; i < n; i++) {
      boolean left = i == 0 || f[i] >= f[i - 1];
      boolean right = i == n - 1 || f[i] >= f[i + 1];
      if (left && right && f[i] > Double.NEGATIVE_INFINITY) {
        peaks[found++] = i;
      }
    }
    return Arrays.stream(peaks, 0, found)
        .boxed()
        .sorted((p, q) -> Double.compare(f[q], f[p]))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Maximises the log density over {@code [a, b]} from {@code start} and offers the result. */
  private static void refine(Mixture m, double a, double b, double start, Best best) {
    if (!(b > a)) {
      return;
    }
    double abs = Math.max(ABSOLUTE_TOLERANCE * 0.5 * (b - a), Double.MIN_VALUE);
    BrentOptimizer brent = new BrentOptimizer(RELATIVE_TOLERANCE, abs);
    UnivariatePointValuePair p =
        brent.optimize(
            new MaxEval(MAX_EVALUATIONS),
            new UnivariateObjectiveFunction(m::logDensity),
            GoalType.MAXIMIZE,
            new SearchInterval(a, b, Math.min(Math.max(start, a), b)));
    best.offer(p.getPoint(), p.getValue());
  }

  /** The best point seen so far; the first one wins ties, so results do not depend on luck. */
  private static final class Best {
    double x = Double.NaN;
    double f = Double.NEGATIVE_INFINITY;

    void offer(double x, double f) {
      if (f > this.f || Double.isNaN(this.x)) {
        this.x = x;
        this.f = f;
      }
    }
  }
}
