package org.worldmodels.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small statistics for benchmarks, and the process's memory. */
public final class Timings {
  private Timings() {}

  /** The median of {@code v} (which is sorted in place). */
  public static double median(double[] v) {
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The value at quantile {@code q} of sorted {@code v}. */
  public static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }

  /**
   * Resident memory ({@code VmRSS}) and its peak ({@code VmHWM}) in MiB, from {@code
   * /proc/self/status}; NaN where that file does not exist.
   */
  public static double[] residentMiB() {
    Path status = Path.of("/proc/self/status");
    double rss = Double.NaN;
    double peak = Double.NaN;
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line) / 1024.0;
        } else if (line.startsWith("VmHWM:")) {
          peak = kib(line) / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux: leave NaN
    }
    return new double[] {rss, peak};
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
