package org.worldmodels.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.bench.Timings;

/**
 * Resident memory sampled along a long run, and its trend: the least-squares slope of RSS against
 * the step, in MiB per 1000 steps, over the samples after a warm-up (allocation pools, JIT and
 * TensorFlow's caches fill during the first part of a run and then stay flat unless something
 * leaks).
 */
final class MemoryTrend {
  /** Share of the run left out of the fit. */
  static final double WARM_UP = 0.2;

  /**
   * One sample.
   *
   * @param step steps done when it was taken
   * @param rssMiB resident memory ({@code VmRSS}), MiB
   */
  record Sample(long step, double rssMiB) {}

  private final List<Sample> samples = new ArrayList<>();

  /** Samples the process's resident memory after {@code step} steps. */
  void sample(long step) {
    add(step, Timings.residentMiB()[0]);
  }

  void add(long step, double rssMiB) {
    samples.add(new Sample(step, rssMiB));
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /**
   * The least-squares slope of RSS against step, MiB per 1000 steps, over the samples taken after
   * the first {@link #WARM_UP} of the run (by step, relative to the last sample). NaN with fewer
   * than two such samples.
   */
  double slopePerThousandSteps() {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double cut = WARM_UP * samples.get(samples.size() - 1).step();
    List<Sample> fit = samples.stream().filter(s -> s.step() > cut).toList();
    int n = fit.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (Sample s : fit) {
      mx += s.step();
      my += s.rssMiB();
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (Sample s : fit) {
      sxy += (s.step() - mx) * (s.rssMiB() - my);
      sxx += (s.step() - mx) * (s.step() - mx);
    }
    return sxx == 0 ? Double.NaN : 1000 * sxy / sxx;
  }

  /** The figures as a JSON-ready map: the phase's settings, the samples, the slope. */
  Map<String, Object> figures(Map<String, Object> settings) {
    Map<String, Object> m = new LinkedHashMap<>(settings);
    List<double[]> pairs = new ArrayList<>();
    for (Sample s : samples) {
      pairs.add(new double[] {s.step(), Math.round(s.rssMiB() * 10) / 10.0});
    }
    m.put("rss_mib_by_step", pairs);
    m.put("warm_up_fraction", WARM_UP);
    m.put("slope_mib_per_1000_steps", slopePerThousandSteps());
    return m;
  }
}
