package org.worldmodels.train;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.worldmodels.data.Episode;
import org.worldmodels.util.Check;

/**
 * How far the dream can be trusted: the open-loop error of the mean prediction per horizon. For
 * every episode and start {@code s} from the context {@code C} to {@code T - k}, the model is fed
 * the recorded {@code (z[t], a[t])} for {@code t < s}, then {@code (z^[s+j], a[s+j])} for {@code j
 * = 0..k-1}, with {@code z^[s] = z[s]} and each next {@code z^} the mean of the prediction. {@code
 * rmse[k-1]} is the root-mean-square error of {@code z^[s+k]} against {@code z[s+k]}, pooled over
 * dimensions and starts ({@code k = 1} is the one-step error); {@code count[k-1]} the number of
 * starts.
 *
 * <p>Cost: {@code T} steps for the recorded prefix of an episode, run once with the state copied at
 * every start, then at most {@code H - 1} steps per start, starts in parallel. Each start's squared
 * errors are summed alone and the sums added in start order, so the figures do not depend on the
 * thread count.
 */
public final class OpenLoop {
  /** Largest horizon. */
  public static final int MAX_HORIZON = 1000;

  /** Recorded steps before the first start unless asked otherwise. */
  public static final int CONTEXT_DEFAULT = 1;

  /** Largest context. */
  public static final int MAX_CONTEXT = 1_000_000;

  /** Starts whose states are held at once: bounds memory for long episodes. */
  private static final int STARTS_PER_CHUNK = 256;

  private OpenLoop() {}

  /**
   * What to measure.
   *
   * @param horizon {@code H}, the longest open-loop stretch, in [1, {@value #MAX_HORIZON}]
   * @param context {@code C}, the first start (recorded steps fed before it), in [0, {@value
   *     #MAX_CONTEXT}]; 0 starts from zero state with no prefix
   */
  public record Settings(int horizon, int context) {
    public Settings {
      Check.inRange("horizon", horizon, 1, MAX_HORIZON);
      Check.inRange("context", context, 0, MAX_CONTEXT);
    }
  }

  /**
   * The figures, {@code H} of each.
   *
   * @param rmse {@code rmse[k-1]}, in the latent's raw units; NaN where {@code count[k-1]} is 0
   * @param count {@code count[k-1]}, starts that reached horizon {@code k}
   */
  public record Errors(double[] rmse, long[] count) {
    public Errors {
      Check.argument(
          rmse.length == count.length,
          "rmse has " + rmse.length + " values and count " + count.length);
      rmse = rmse.clone();
      count = count.clone();
    }

    @Override
    public double[] rmse() {
      return rmse.clone();
    }

    @Override
    public long[] count() {
      return count.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Errors e && Arrays.equals(rmse, e.rmse) && Arrays.equals(count, e.count);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(rmse) + Arrays.hashCode(count);
    }

    @Override
    public String toString() {
      return "Errors[rmse=" + Arrays.toString(rmse) + ", count=" + Arrays.toString(count) + "]";
    }
  }

  /** Starts an episode of {@code length} transitions offers at the context {@code context}. */
  public static int starts(int length, int context) {
    return Math.max(0, length - context);
  }

  /**
   * The open-loop errors of {@code model} on {@code episodes}. Episodes of at most {@code C}
   * transitions contribute nothing.
   *
   * @throws IllegalArgumentException if an episode's latent size is not the model's
   */
  public static Errors of(MeanPredictor model, List<Episode> episodes, Settings settings) {
    int h = settings.horizon();
    double[] sums = new double[h];
    long[] count = new long[h];
    for (Episode e : episodes) {
      Check.argument(
          e.zSize() == model.zSize(),
          "episode latent size " + e.zSize() + "; the model predicts " + model.zSize());
      addEpisode(model, e, settings, sums, count);
    }
    double[] rmse = new double[h];
    for (int k = 0; k < h; k++) {
      rmse[k] = count[k] == 0 ? Double.NaN : Math.sqrt(sums[k] / (count[k] * model.zSize()));
    }
    return new Errors(rmse, count);
  }

  private static void addEpisode(
      MeanPredictor model, Episode e, Settings settings, double[] sums, long[] count) {
    int t = e.length();
    int context = settings.context();
    int zs = model.zSize();
    float[][] z = e.z();
    float[][] a = e.action();
    MeanPredictor.Row row = model.start();
    int chunk = Math.min(STARTS_PER_CHUNK, starts(t, context));
    // The recorded prefix runs once. Step s fed (z[s], a[s]) is also each start's first
    // open-loop step, so its state after it and its prediction z^[s+1] are what a start needs.
    MeanPredictor.Row[] after = new MeanPredictor.Row[chunk];
    float[][] first = new float[chunk][];
    int held = 0;
    for (int s = 0; s < t; s++) {
      float[] mean = new float[zs];
      row.step(z[s], a[s], mean);
      if (s < context) {
        continue;
      }
      after[held] = row.copy();
      first[held] = mean;
      held++;
      if (held == chunk || s == t - 1) {
        double[][] errors = openLoop(e, s - held + 1, held, after, first, settings.horizon());
        // In start order, whatever thread computed each.
        for (double[] errs : errors) {
          for (int k = 0; k < errs.length; k++) {
            sums[k] += errs[k];
            count[k]++;
          }
        }
        held = 0;
      }
    }
  }

  /**
   * Squared errors, summed over dimensions, of starts {@code from .. from + n - 1}: entry {@code
   * [i][k-1]} for horizon {@code k}, as far as the episode reaches.
   */
  private static double[][] openLoop(
      Episode e, int from, int n, MeanPredictor.Row[] after, float[][] first, int horizon) {
    float[][] z = e.z();
    float[][] a = e.action();
    int t = e.length();
    double[][] errors = new double[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              int s = from + i;
              double[] errs = new double[Math.min(horizon, t - s)];
              MeanPredictor.Row row = after[i];
              float[] zHat = first[i];
              float[] next = new float[zHat.length];
              for (int k = 1; ; k++) {
                errs[k - 1] = squaredDistance(zHat, z[s + k]);
                if (k == errs.length) {
                  break;
                }
                row.step(zHat, a[s + k], next);
                float[] swap = zHat;
                zHat = next;
                next = swap;
              }
              errors[i] = errs;
            });
    return errors;
  }

  private static double squaredDistance(float[] x, float[] y) {
    double sum = 0;
    for (int d = 0; d < x.length; d++) {
      double diff = (double) x[d] - y[d];
      sum += diff * diff;
    }
    return sum;
  }
}
