package org.worldmodels.control;

import org.worldmodels.util.Check;

/**
 * Mean and spread of episode returns, as {@code play} prints them.
 *
 * @param episodes number of returns
 * @param mean their mean
 * @param std their population standard deviation (ddof 0, numpy's default)
 */
public record ReturnStatistics(int episodes, double mean, double std) {

  /**
   * The statistics of {@code returns}, computed in two passes (mean, then squared deviations) so
   * that large equal returns give a standard deviation of exactly 0.
   *
   * @throws IllegalArgumentException if there are no returns
   */
  public static ReturnStatistics of(double[] returns) {
    Check.argument(returns != null && returns.length > 0, "need at least one return");
    double sum = 0;
    for (double r : returns) {
      sum += r;
    }
    double mean = sum / returns.length;
    double squares = 0;
    for (double r : returns) {
      squares += (r - mean) * (r - mean);
    }
    return new ReturnStatistics(returns.length, mean, Math.sqrt(squares / returns.length));
  }
}
