package org.worldmodels.rnn.cpu;

import java.util.Arrays;

/**
 * Decides, from measured step times, whether {@link TwoCoreCell} runs on two cores or on one: two
 * pay only while the second core is free. When other work (or another dream) occupies it, the
 * helper thread runs late and the caller waits, so a step can cost more than on one core.
 *
 * <p>Steps are timed in epochs of {@link #EPOCH_STEPS}. The first epoch runs on two cores, the
 * second on one; from then on the choice with the lower latest median step time runs, and now and
 * then the other gets one epoch (a probe), so a change in load is noticed. A probe that loses
 * doubles the number of epochs to the next one (up to a limit, see {@link #longer}); a probe that
 * wins, or a choice that turns slower than the other's last median, switches and starts again at
 * one. A two-core probe clearly slower than one core after {@link #EARLY_STEPS} steps ends there.
 *
 * <p>Medians, not means: on a busy machine the caller itself loses its core now and then, for
 * milliseconds, on either choice, and a mean over 64 steps would mostly measure that. What only two
 * cores suffer from, a helper that loses its core in the middle of a step, ends a two-core epoch at
 * once (see {@link #record}). The choice changes speed only: both give the same bits.
 */
final class CoreChoice {
  static final int EPOCH_STEPS = 64;

  /**
   * A two-core probe ends after this many steps if the median of all but its first {@link
   * #WAKE_STEPS} is {@link #EARLY_MARGIN} times one core's. Those first steps are slow anyway: a
   * sleeping helper takes several steps to notice work, and meanwhile the caller computes both
   * halves from weights that are not in its cache.
   */
  static final int EARLY_STEPS = 24;

  static final int WAKE_STEPS = 8;
  static final double EARLY_MARGIN = 1.25;

  /** The longest gap between probes of one core, while two cores win. */
  static final int MAX_PROBE_INTERVAL = 64;

  /**
   * The longest gap between probes of two cores, while one core wins: shorter, since a lost
   * two-core probe costs little (it ends after {@link #EARLY_STEPS}, or at the first late helper),
   * and the second core may come free at any time.
   */
  static final int MAX_TWO_CORE_PROBE_INTERVAL = 16;

  private final boolean adaptive;
  private boolean twoCores = true;
  private int stepsLeft = EPOCH_STEPS;

  /** The current epoch's step times. */
  private final long[] times = new long[EPOCH_STEPS];

  private final long[] early = new long[EARLY_STEPS - WAKE_STEPS];
  private double medianTwo = Double.NaN;
  private double medianOne = Double.NaN;

  /** Whether the current epoch is a probe of the choice that was slower. */
  private boolean probing;

  private int interval = 1;
  private int epochs;
  private int sinceProbe;

  private CoreChoice(boolean adaptive) {
    this.adaptive = adaptive;
  }

  /** The timed choice described above. */
  static CoreChoice timed() {
    return new CoreChoice(true);
  }

  /** Two cores always (for tests of the two-core arithmetic). */
  static CoreChoice alwaysTwo() {
    return new CoreChoice(false);
  }

  /** Epochs ended so far (for tests). */
  int epochs() {
    return epochs;
  }

  /** Whether the next step runs on two cores. */
  boolean twoCores() {
    return twoCores;
  }

  /**
   * Records the step just run (as chosen by {@link #twoCores()}): its time, and whether the helper
   * lost its core in the middle of it and kept the caller waiting (for milliseconds, typically).
   * Such a wait ends a two-core epoch at once, as a lost probe: a whole epoch of them must not be
   * paid to find out.
   */
  void record(long nanos, boolean helperLate) {
    if (!adaptive) {
      return;
    }
    if (helperLate && twoCores) {
      endEpoch(Double.POSITIVE_INFINITY);
      return;
    }
    int done = EPOCH_STEPS - stepsLeft;
    times[done] = nanos;
    stepsLeft--;
    if (twoCores && probing && done + 1 == EARLY_STEPS) {
      System.arraycopy(times, WAKE_STEPS, early, 0, early.length);
      Arrays.sort(early);
      double soFar = early[early.length / 2];
      if (soFar > EARLY_MARGIN * medianOne) {
        endEpoch(soFar);
        return;
      }
    }
    if (stepsLeft == 0) {
      Arrays.sort(times);
      endEpoch(times[EPOCH_STEPS / 2]);
    }
  }

  /** Ends the current epoch with this median step time, and chooses for the next. */
  private void endEpoch(double median) {
    stepsLeft = EPOCH_STEPS;
    if (epochs < Integer.MAX_VALUE) {
      epochs++;
    }
    if (twoCores) {
      medianTwo = median;
    } else {
      medianOne = median;
    }
    if (Double.isNaN(medianOne)) {
      twoCores = false; // the second epoch measures one core, as a probe
      probing = true;
      return;
    }
    boolean twoFaster = medianTwo < medianOne;
    if (probing) {
      probing = false;
      sinceProbe = 0;
      if (twoCores == twoFaster) {
        interval = 1;
      } else {
        twoCores = twoFaster;
        interval = longer(interval);
      }
    } else if (twoCores != twoFaster) {
      twoCores = twoFaster;
      interval = 1;
      sinceProbe = 0;
    } else if (++sinceProbe >= interval) {
      twoCores = !twoCores;
      probing = true;
    }
  }

  /**
   * The gap after a lost probe: twice the last, but at most {@link #MAX_PROBE_INTERVAL} (or {@link
   * #MAX_TWO_CORE_PROBE_INTERVAL} while one core wins), and at most one epoch in 8 of those so far:
   * while the code is still being compiled, the compiler threads hold the second core, and the
   * first two-core probes lose whatever follows (figures in docs/performance.md).
   */
  private int longer(int gap) {
    int max = twoCores ? MAX_PROBE_INTERVAL : MAX_TWO_CORE_PROBE_INTERVAL;
    return Math.min(2 * gap, Math.min(max, 1 + epochs / 8));
  }
}
