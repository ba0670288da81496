package org.worldmodels.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * Episode indices split into training and validation, whole episodes apart (windows of one episode
 * never land on both sides), chosen by a seeded shuffle.
 *
 * <p>The validation set has {@code round(fraction * n)} episodes, but at least one when there are
 * two or more episodes and a non-zero fraction (so validation is never silently empty), and never
 * all of them (training keeps at least one). A single episode goes to training and validation is
 * empty: there is nothing to hold out. A fraction of 0 turns validation off.
 *
 * @param train training episode indices, ascending
 * @param validation validation episode indices, ascending
 */
public record Split(int[] train, int[] validation) {
  /** Share of episodes held out by default (ARCHITECTURE.md, "Defaults"). */
  public static final double FRACTION_DEFAULT = 0.1;

  /** Stream key that keeps the split's draws apart from any other use of the seed. */
  private static final long SPLIT_KEY = 0x53504c4954L; // "SPLIT"

  public Split {
    train = train.clone();
    validation = validation.clone();
  }

  /** Splits {@code episodes} indices with the default fraction. */
  public static Split of(int episodes, long seed) {
    return of(episodes, FRACTION_DEFAULT, seed);
  }

  /**
   * Splits the indices {@code 0..episodes-1}.
   *
   * @param episodes number of episodes, at least 1
   * @param fraction share held out for validation, in [0, 1)
   * @param seed the split depends on (seed, episodes, fraction) only
   */
  public static Split of(int episodes, double fraction, long seed) {
    Check.positive("episodes", episodes);
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
    }
    int k = (int) Math.round(fraction * episodes);
    if (fraction > 0 && episodes >= 2) {
      k = Math.max(1, Math.min(k, episodes - 1));
    } else if (episodes < 2) {
      k = 0;
    }
    int[] order = new int[episodes];
    for (int i = 0; i < episodes; i++) {
      order[i] = i;
    }
    SplittableRandom rng = Seeds.stream(seed, SPLIT_KEY);
    for (int i = episodes - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    int[] validation = Arrays.copyOfRange(order, 0, k);
    int[] train = Arrays.copyOfRange(order, k, episodes);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new Split(train, validation);
  }

  @Override
  public int[] train() {
    return train.clone();
  }

  @Override
  public int[] validation() {
    return validation.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s
        && Arrays.equals(train, s.train)
        && Arrays.equals(validation, s.validation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
  }

  @Override
  public String toString() {
    return "Split[train="
        + train.length
        + " episodes, validation="
        + Arrays.toString(validation)
        + "]";
  }
}
