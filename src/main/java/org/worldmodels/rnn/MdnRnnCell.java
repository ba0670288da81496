package org.worldmodels.rnn;

import org.worldmodels.rnn.cpu.CellSlice;
import org.worldmodels.rnn.cpu.TwoCoreCell;

/**
 * One step of the MDN-RNN in plain Java over checkpoint weights: {@code (z, a, h, c) -> (y, h',
 * c')}, with {@code y} the raw head output (mixture parameters, then reward, then done logit). Used
 * where a {@code Session.run} per step (30-80 us of fixed cost) would dominate: dreaming at small
 * batch, controllers in real environments.
 *
 * <p>Kernels are kept as one Java array per row, and inner loops run {@code acc[j] += x * row[j]}
 * with the same index on both sides: JDK 17's C2 vectorises that form, but not the same loop over
 * an offset into one flat array (it cannot rule out aliasing), which was 7x slower. Arithmetic is
 * float32, as in the graph; results agree with the graph to about 1e-6 (summation order differs).
 * The arithmetic lives in {@link CellSlice} and the two-core step in {@link #onTwoCores} (both in
 * {@code rnn.cpu}), with bitwise the same results. Instances are immutable and thread-safe: any
 * number of threads may call {@link #step} at once, each with its own state, output and scratch
 * arrays.
 */
public final class MdnRnnCell {
  private final MdnRnnConfig config;
  private final CellSlice whole;
  private final int hs;
  private final int out;
  private final double inputLimit;

  public MdnRnnCell(MdnRnnConfig config, MdnRnnWeights weights) {
    weights.checked(config, "weights");
    this.config = config;
    this.hs = config.hidden();
    this.out = config.outputSize();
    this.whole =
        CellSlice.whole(
            config.zSize(),
            config.actionSize(),
            hs,
            weights.lstmKernel(),
            weights.lstmBias(),
            weights.headKernel(),
            weights.headBias());
    this.inputLimit =
        inputLimit(
            weights.lstmKernel(), weights.lstmBias(), config.zSize() + config.actionSize(), hs);
  }

  /**
   * The largest input magnitude {@code |z_i|}, {@code |a_i|} this model's LSTM takes without a
   * float32 overflow in its gate sums, whatever the summation order (so for {@link StepGraph} too).
   * Within it, a step's outputs are finite: the gates saturate, {@code |h| <= 1}, {@code c} grows
   * by at most 1 per step, and the head sees only {@code h}. For trained weights it is about {@code
   * 1e37}; {@code Float.MAX_VALUE / 2 / max_j(sum of |input weights| of gate column j)}, less the
   * bias and recurrent terms.
   */
  public double inputLimit() {
    return inputLimit;
  }

  /** Over the kernel {@code [in + hs, 4 hs]}, row-major. */
  private static double inputLimit(float[] kernel, float[] bias, int in, int hs) {
    double limit = Double.POSITIVE_INFINITY;
    int cols = 4 * hs;
    for (int j = 0; j < cols; j++) {
      double inputs = 0;
      double rest = Math.abs(bias[j]);
      for (int i = 0; i < in; i++) {
        inputs += Math.abs(kernel[i * cols + j]);
      }
      for (int k = 0; k < hs; k++) {
        rest += Math.abs(kernel[(in + k) * cols + j]); // |h| <= 1
      }
      if (inputs > 0) {
        limit = Math.min(limit, (Float.MAX_VALUE / 2.0 - rest) / inputs);
      }
    }
    return Math.max(limit, 0);
  }

  /**
   * This cell's step on two cores, for batches of up to {@code maxRows} rows: bitwise {@link #step}
   * on each row (see {@link TwoCoreCell}; owns a helper thread, so close it). Worth it below some
   * 32 rows where {@link TwoCoreCell#usable(int)}.
   */
  public TwoCoreCell onTwoCores(int maxRows) {
    return new TwoCoreCell(whole, maxRows);
  }

  /** The configuration. */
  public MdnRnnConfig config() {
    return config;
  }

  /**
   * Scratch space for {@link #step}, owned by one thread; reused so that a step allocates nothing.
   */
  public static final class Workspace {
    final float[] gates;
    final float[] head;

    private Workspace(int gates, int head) {
      this.gates = new float[gates];
      this.head = new float[head];
    }
  }

  /** A workspace for this cell's {@link #step}. */
  public Workspace newWorkspace() {
    return new Workspace(4 * hs, out);
  }

  /**
   * Advances one row: reads {@code z} {@code [Z]} and {@code a} {@code [A]} at the given offsets,
   * updates {@code h} and {@code c} {@code [H]} in place (at {@code stateOffset}), and writes the
   * head output {@code [O]} into {@code y} at {@code yOffset}.
   */
  public void step(
      float[] z,
      int zOffset,
      float[] a,
      int aOffset,
      float[] h,
      float[] c,
      int stateOffset,
      float[] y,
      int yOffset,
      Workspace work) {
    whole.lstm(z, zOffset, a, aOffset, h, c, stateOffset, h, stateOffset, work.gates);
    whole.head(h, stateOffset, y, yOffset, work.head);
  }
}
