package org.worldmodels.tf;

import org.worldmodels.util.Check;

/**
 * A step learning-rate schedule: {@code base}, multiplied by {@code factor} at each boundary.
 * Boundaries are fractions of the total number of steps, so one schedule serves any run length.
 *
 * @param base the initial learning rate
 * @param factor the multiplier at each boundary, in (0, 1]
 * @param boundaries increasing fractions in (0, 1)
 */
public record StepSchedule(double base, double factor, double[] boundaries) {
  public StepSchedule {
    Check.positiveFinite("learning rate", base);
    Check.inRange("learning-rate decay factor", factor, Double.MIN_VALUE, 1);
    boundaries = boundaries.clone();
    double prev = 0;
    for (double b : boundaries) {
      if (!(b > prev && b < 1)) {
        throw new IllegalArgumentException(
            "schedule boundaries must increase within (0, 1), got "
                + java.util.Arrays.toString(boundaries));
      }
      prev = b;
    }
  }

  /** A constant learning rate. */
  public static StepSchedule constant(double lr) {
    return new StepSchedule(lr, 1, new double[0]);
  }

  /** The learning rate at 0-based {@code step} of a run of {@code total} steps. */
  public double at(long step, long total) {
    double lr = base;
    for (double b : boundaries) {
      if (step >= (long) Math.floor(b * total)) {
        lr *= factor;
      }
    }
    return lr;
  }

  @Override
  public double[] boundaries() {
    return boundaries.clone();
  }
}
