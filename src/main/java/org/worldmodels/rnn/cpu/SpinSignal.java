package org.worldmodels.rnn.cpu;

import java.util.concurrent.locks.LockSupport;

/**
 * A counter that one thread raises and one other thread waits on. The waiter spins for a while
 * first (a handoff between two busy cores is then far cheaper than a park), then parks, so that an
 * idle waiter costs no CPU.
 *
 * <p>Waking a parked thread is dear on a virtual machine: {@code unpark} costs the raiser about as
 * much as a whole phase of the cell (figures in docs/performance.md). So a raiser that must not pay
 * for it can {@link #raiseQuietly}, and the waiter then parks in slices ({@code pollNanos}) and
 * looks again after each.
 *
 * <p>No lost wake-up with {@link #raise}: the waiter publishes itself in {@code parked} and then
 * reads {@code value}; the raiser writes {@code value} and then reads {@code parked}. Both fields
 * are volatile, so at least one of them sees the other's write; an unpark that comes before the
 * park makes the park return at once.
 */
final class SpinSignal {
  private volatile long value;
  private volatile Thread parked;

  /** The counter. */
  long value() {
    return value;
  }

  /** Sets the counter to {@code v} (never lower than before) and wakes the waiter if it sleeps. */
  void raise(long v) {
    value = v;
    Thread t = parked;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Sets the counter to {@code v} (never lower than before) without waking the waiter: it sees the
   * new value when it next looks, within its {@code pollNanos} if it sleeps.
   */
  void raiseQuietly(long v) {
    value = v;
  }

  /**
   * Returns the counter once it is at least {@code target}: spins for about {@code spinNanos}, then
   * parks until raised. Everything the raiser wrote before raising is visible afterwards.
   */
  long await(long target, long spinNanos) {
    return await(target, spinNanos, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * As {@link #await(long, long)}, but parks for at most {@code pollNanos} at a time, and gives up
   * after about {@code timeoutNanos}, returning a value below {@code target}.
   */
  long await(long target, long spinNanos, long timeoutNanos, long pollNanos) {
    long v = value;
    if (v >= target) {
      return v;
    }
    long start = System.nanoTime();
    for (int i = 1; (v = value) < target; i++) {
      Thread.onSpinWait();
      // nanoTime costs about as much as a few dozen spins: look at the clock now and then.
      if ((i & 63) == 0 && System.nanoTime() - start > spinNanos) {
        return park(target, start, timeoutNanos, pollNanos);
      }
    }
    return v;
  }

  private long park(long target, long start, long timeoutNanos, long pollNanos) {
    parked = Thread.currentThread();
    try {
      long v;
      while ((v = value) < target) {
        long left = timeoutNanos - (System.nanoTime() - start);
        if (left <= 0) {
          return v;
        }
        LockSupport.parkNanos(this, Math.min(left, pollNanos));
      }
      return v;
    } finally {
      parked = null;
    }
  }
}
