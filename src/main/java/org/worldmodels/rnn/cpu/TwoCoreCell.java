package org.worldmodels.rnn.cpu;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.worldmodels.util.Check;

/**
 * The MDN-RNN cell step ({@code MdnRnnCell.step}) for a batch of rows on two cores: the calling
 * thread and one helper thread each compute half of every output (half the hidden units, then half
 * the head columns), so each core reads half the weights, which then fit its own L2 cache (at
 * CarRacing shapes the weights do not fit one core's L2). Results are bitwise those of the one-core
 * step whichever thread computes which half (see {@link CellSlice}).
 *
 * <p>A step has two phases: the LSTM update of every row, then the head of every row (it needs the
 * whole new {@code h}). In each phase the caller computes the first half and the helper the second;
 * but the second half goes to whichever thread claims it first, so when the helper is slow to wake
 * or has no core (a busy machine), the caller computes it too instead of waiting, and a step costs
 * about what the one-core cell costs. Waiting threads spin briefly, then park (see {@link
 * SpinSignal}); a parked helper is not woken but looks for work every {@link #HELPER_POLL_NANOS}.
 *
 * <p>Two cores pay only while the second is free; {@link CoreChoice} times the steps and falls back
 * to the one-core cell while it is faster (on a busy machine, or with more dreams than cores).
 *
 * <p>One thread at a time calls {@link #step}. The helper is a daemon thread, started by the first
 * step and stopped by {@link #close()}; it also ends after {@link #RETIRE_NANOS} without work, and
 * the next step starts another. A step allocates nothing (except when it starts a helper).
 *
 * <p>The switch: {@link #enabled()} is false with the system property {@value #SWITCH_PROPERTY}
 * {@code =false} or the environment variable {@value #SWITCH_ENV}{@code =0}; then {@link
 * #usable(int)} is false and dreams step the one-core cell, with the same bits.
 */
public final class TwoCoreCell implements AutoCloseable {
  /** The system property that turns the two-core cell off ({@code false}) or on ({@code true}). */
  public static final String SWITCH_PROPERTY = "worldmodels.twoCoreCell";

  /**
   * The environment variable that turns it off ({@code 0}) or on ({@code 1}); the property wins.
   */
  public static final String SWITCH_ENV = "WORLDMODELS_TWO_CORE_CELL";

  /**
   * How long the helper spins for the next phase before it parks: longer than the caller's usual
   * work between steps (sampling), short enough that an idle helper soon stops using its core.
   * Figures: docs/performance.md, "The two-core cell's constants".
   */
  static final long HELPER_SPIN_NANOS = 50_000;

  /**
   * How often a parked helper looks for work. The caller posts work without waking it ({@link
   * SpinSignal#raiseQuietly}): an {@code unpark} costs the caller about as much as a phase, and
   * while the helper sleeps the caller computes both halves anyway. A helper that looks this often
   * joins within a few steps.
   */
  static final long HELPER_POLL_NANOS = 100_000;

  /**
   * How long the caller spins for the helper's half before it parks. The halves take about as long
   * as each other, so a wait of several halves means the helper lost its core; spinning on would
   * only keep it from getting one back, if they share a core.
   */
  static final long CALLER_SPIN_NANOS = 20_000;

  /**
   * How long the helper waits for work before it ends (the next two-core step starts a new one): a
   * dream left open but no longer stepped, or never closed, does not keep a thread.
   */
  static final long RETIRE_NANOS = 1_000_000_000L;

  /**
   * A wait for the helper longer than the caller's own half plus this means the helper lost its
   * core to another thread (a scheduler time slice is milliseconds). Shorter hiccups happen on an
   * idle machine too (a few phases in a thousand), and the median step times see them.
   */
  private static final long LATE_NANOS = 200_000;

  private static final long STOP = Long.MAX_VALUE;

  private final CellSlice whole;
  private final CoreChoice choice;
  private final CellSlice[] halves;
  private final int zs;
  private final int as;
  private final int hs;
  private final int out;
  private final int maxRows;

  /** New hidden state {@code [rows, H]}: both halves read all of it for the head. */
  private final float[] hNew;

  /** Scratch of the one-core steps. */
  private final float[] wholeGates;

  private final float[] wholeHead;

  /** Scratch per half, not per thread: either thread may compute the second half. */
  private final float[][] gates;

  private final float[][] headSums;

  /**
   * Phases are numbered 1, 2, 3, ...: step {@code s} has its LSTM phase {@code 2s - 1} and its head
   * phase {@code 2s}. {@code posted} is the phase the caller has started; {@code claimed} the last
   * phase whose second half a thread has taken; {@code helperDone} the last phase whose second half
   * the helper has finished.
   */
  private final SpinSignal posted = new SpinSignal();

  private final AtomicLong claimed = new AtomicLong();
  private final SpinSignal helperDone = new SpinSignal();

  // The current step's arguments: written by the caller before it posts the step's first phase.
  private int rows;
  private float[] z;
  private float[] a;
  private float[] h;
  private float[] c;
  private float[] y;

  /** What the helper threw, if anything; read by the caller after {@code helperDone}. */
  private volatile Throwable helperFailure;

  private final long retireNanos;
  private long phase;

  /** Whether the helper kept the caller waiting in the current step (see {@link CoreChoice}). */
  private boolean helperLate;

  private Thread helper;

  /** Set by the caller when it starts a helper, cleared by the helper when it retires. */
  private volatile boolean helperRunning;

  private boolean closed;

  /** Set by {@link #close()}; the helper reads it after each wake-up. */
  private volatile boolean stopping;

  /**
   * A two-core stepper over the weights of {@code whole} (a {@link CellSlice#whole} slice) for
   * batches of up to {@code maxRows} rows. Public for {@code MdnRnnCell.onTwoCores}, which is how
   * the rest of the code makes one.
   */
  public TwoCoreCell(CellSlice whole, int maxRows) {
    this(whole, maxRows, CoreChoice.timed(), RETIRE_NANOS);
  }

  TwoCoreCell(CellSlice whole, int maxRows, CoreChoice choice, long retireNanos) {
    Check.positive("maxRows", maxRows);
    Check.argument(
        whole.units() == whole.hidden() && whole.unitFrom() == 0,
        "a two-core cell needs a whole slice");
    this.retireNanos = retireNanos;
    this.whole = whole;
    this.choice = choice;
    this.halves = whole.halves();
    this.zs = whole.zSize();
    this.as = whole.actionSize();
    this.hs = whole.hidden();
    this.out = whole.headColumns();
    this.wholeGates = new float[whole.gateCount()];
    this.wholeHead = new float[out];
    this.maxRows = maxRows;
    this.hNew = new float[maxRows * hs];
    this.gates = new float[2][];
    this.headSums = new float[2][];
    for (int i = 0; i < 2; i++) {
      gates[i] = new float[halves[i].gateCount()];
      headSums[i] = new float[halves[i].headColumns()];
    }
  }

  /**
   * Whether to use a second core: the switch is on ({@link #enabled()}), there are at least two
   * available processors, and the run's thread count (the caller passes {@code
   * TfRuntime.threads()}, so {@code WORLDMODELS_THREADS}) is at least two.
   */
  public static boolean usable(int threads) {
    return enabled() && Runtime.getRuntime().availableProcessors() >= 2 && threads >= 2;
  }

  /**
   * The switch: false when the system property {@value #SWITCH_PROPERTY} is {@code false} (or
   * {@code 0}, {@code off}), else when the environment variable {@value #SWITCH_ENV} is {@code 0}
   * (or {@code false}, {@code off}); true when unset. Off, the Java cell runs on one core: slower
   * at small batches on an idle machine, the same bits.
   *
   * @throws IllegalArgumentException if the setting is none of these words
   */
  public static boolean enabled() {
    return enabled(System.getProperty(SWITCH_PROPERTY), System.getenv(SWITCH_ENV));
  }

  /** {@link #enabled()} for these values of the property and the variable (null: unset). */
  static boolean enabled(String property, String env) {
    boolean fromProperty = property != null && !property.isBlank();
    String s = fromProperty ? property : env;
    if (s == null || s.isBlank()) {
      return true;
    }
    switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "1":
      case "true":
      case "on":
        return true;
      case "0":
      case "false":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException(
            (fromProperty ? SWITCH_PROPERTY : SWITCH_ENV)
                + " must be 0/false/off or 1/true/on, got '"
                + s
                + "'");
    }
  }

  /**
   * Advances {@code rows} rows, laid out row after row: reads {@code z} {@code [rows, Z]} and
   * {@code a} {@code [rows, A]}, updates {@code h} and {@code c} {@code [rows, H]} in place and
   * writes {@code y} {@code [rows, O]}; as the one-core step on each row, bit for bit.
   */
  public void step(int rows, float[] z, float[] a, float[] h, float[] c, float[] y) {
    Check.state(!closed, "TwoCoreCell is closed");
    Check.inRange("rows", rows, 0, maxRows);
    Check.argument(
        z.length >= rows * zs
            && a.length >= rows * as
            && h.length >= rows * hs
            && c.length >= rows * hs
            && y.length >= rows * out,
        "arrays too short for " + rows + " rows");
    long start = System.nanoTime();
    helperLate = false;
    if (choice.twoCores()) {
      stepOnTwoCores(rows, z, a, h, c, y);
    } else {
      for (int r = 0; r < rows; r++) {
        whole.lstm(z, r * zs, a, r * as, h, c, r * hs, h, r * hs, wholeGates);
        whole.head(h, r * hs, y, r * out, wholeHead);
      }
    }
    choice.record(System.nanoTime() - start, helperLate);
  }

  private void stepOnTwoCores(int rows, float[] z, float[] a, float[] h, float[] c, float[] y) {
    if (!helperRunning) {
      // The first step, or the last helper retired. If it retires after this check, the caller
      // finds this step's second halves unclaimed and computes them itself.
      long first = phase + 1;
      helperRunning = true;
      helper = new Thread(() -> helperLoop(first), "worldmodels-cell-helper");
      helper.setDaemon(true);
      helper.start();
    }
    this.rows = rows;
    this.z = z;
    this.a = a;
    this.h = h;
    this.c = c;
    this.y = y;
    runPhase(++phase);
    runPhase(++phase);
  }

  /**
   * The caller's part of phase {@code p}: the first half, then the second if still unclaimed, else
   * it waits for the helper (also when the first half failed, so that no half outlives its step).
   */
  private void runPhase(long p) {
    posted.raiseQuietly(p);
    RuntimeException failure = null;
    long start = System.nanoTime();
    try {
      compute(p, 0);
    } catch (RuntimeException e) {
      failure = e;
    }
    long computed = System.nanoTime();
    if (claimed.compareAndSet(p - 1, p)) {
      if (failure == null) {
        compute(p, 1);
      }
    } else {
      helperDone.await(p, CALLER_SPIN_NANOS);
      if (System.nanoTime() - computed > computed - start + LATE_NANOS) {
        helperLate = true;
      }
      if (failure == null && helperFailure != null) {
        failure = new IllegalStateException("the cell's helper thread failed", helperFailure);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Half {@code half} of phase {@code p}: the LSTM update (odd phases) or the head (even). */
  private void compute(long p, int half) {
    CellSlice slice = halves[half];
    if ((p & 1) == 1) {
      for (int r = 0; r < rows; r++) {
        slice.lstm(z, r * zs, a, r * as, h, c, r * hs, hNew, r * hs, gates[half]);
      }
    } else {
      // Both LSTM halves are done: the head reads the whole new h, and nobody reads h now.
      for (int r = 0; r < rows; r++) {
        slice.head(hNew, r * hs, y, r * out, headSums[half]);
        int from = r * hs + slice.unitFrom();
        System.arraycopy(hNew, from, h, from, slice.units());
      }
    }
  }

  /** The helper thread's work, from phase {@code first} on. */
  private void helperLoop(long first) {
    long next = first;
    while (true) {
      long p = posted.await(next, HELPER_SPIN_NANOS, retireNanos, HELPER_POLL_NANOS);
      if (stopping) {
        return;
      }
      if (p < next) {
        helperRunning = false;
        return;
      }
      // The caller may be phases ahead (it took the second halves itself): join the latest.
      if (claimed.compareAndSet(p - 1, p)) {
        try {
          compute(p, 1);
        } catch (RuntimeException | Error e) {
          helperFailure = e;
        }
        helperDone.raise(p);
      }
      next = p + 1;
    }
  }

  /** The last helper thread started, or null before the first step (for tests). */
  Thread helper() {
    return helper;
  }

  /** Stops the helper thread and waits (briefly) for it to end; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (helper != null) {
      stopping = true;
      posted.raise(STOP);
      try {
        helper.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
