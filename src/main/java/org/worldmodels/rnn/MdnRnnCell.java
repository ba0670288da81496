package org.worldmodels.rnn;

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
 * Instances are immutable and thread-safe: any number of threads may call {@link #step} at once,
 * each with its own state, output and scratch arrays.
 */
public final class MdnRnnCell {
  private final MdnRnnConfig config;
  private final float[][] lstmRows;
  private final float[] lstmBias;
  private final float[][] headRows;
  private final float[] headBias;
  private final int zs;
  private final int as;
  private final int hs;
  private final int out;
  private final double inputLimit;

  public MdnRnnCell(MdnRnnConfig config, MdnRnnWeights weights) {
    weights.checked(config, "weights");
    this.config = config;
    this.lstmRows =
        rows(weights.lstmKernel(), config.inputSize() + config.hidden(), 4 * config.hidden());
    this.lstmBias = weights.lstmBias();
    this.headRows = rows(weights.headKernel(), config.hidden(), config.outputSize());
    this.headBias = weights.headBias();
    this.zs = config.zSize();
    this.as = config.actionSize();
    this.hs = config.hidden();
    this.out = config.outputSize();
    this.inputLimit = inputLimit(lstmRows, lstmBias, zs + as, hs);
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

  private static double inputLimit(float[][] rows, float[] bias, int in, int hs) {
    double limit = Double.POSITIVE_INFINITY;
    for (int j = 0; j < 4 * hs; j++) {
      double inputs = 0;
      double rest = Math.abs(bias[j]);
      for (int i = 0; i < in; i++) {
        inputs += Math.abs(rows[i][j]);
      }
      for (int k = 0; k < hs; k++) {
        rest += Math.abs(rows[in + k][j]); // |h| <= 1
      }
      if (inputs > 0) {
        limit = Math.min(limit, (Float.MAX_VALUE / 2.0 - rest) / inputs);
      }
    }
    return Math.max(limit, 0);
  }

  private static float[][] rows(float[] flat, int rows, int cols) {
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
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
    int g4 = 4 * hs;
    float[] gates = work.gates;
    System.arraycopy(lstmBias, 0, gates, 0, g4);
    // Kernel rows: z first, then a, then h; the three runs add up in that order.
    accumulate(z, zOffset, zs, lstmRows, 0, gates, g4);
    accumulate(a, aOffset, as, lstmRows, zs, gates, g4);
    accumulate(h, stateOffset, hs, lstmRows, zs + as, gates, g4);
    for (int j = 0; j < hs; j++) {
      float ig = sigmoid(gates[j]);
      float fg = sigmoid(gates[hs + j]);
      float cc = tanh(gates[2 * hs + j]);
      float og = sigmoid(gates[3 * hs + j]);
      float cNew = fg * c[stateOffset + j] + ig * cc;
      c[stateOffset + j] = cNew;
      h[stateOffset + j] = og * tanh(cNew);
    }
    // The accumulator starts at index 0 (see the class comment), then goes to y at yOffset.
    float[] acc = work.head;
    System.arraycopy(headBias, 0, acc, 0, out);
    accumulate(h, stateOffset, hs, headRows, 0, acc, out);
    System.arraycopy(acc, 0, y, yOffset, out);
  }

  /**
   * {@code acc += sum_i x[xOffset + i] * rows[rowOffset + i]} for {@code i < count}, four rows per
   * pass (one store of {@code acc} per four products). Java evaluates {@code acc + p0 + p1 + p2 +
   * p3} left to right without fused multiply-adds, so the result is bitwise the same as adding the
   * rows one at a time, however the runs are grouped.
   */
  private static void accumulate(
      float[] x, int xOffset, int count, float[][] rows, int rowOffset, float[] acc, int n) {
    int i = 0;
    for (; i + 3 < count; i += 4) {
      float x0 = x[xOffset + i];
      float x1 = x[xOffset + i + 1];
      float x2 = x[xOffset + i + 2];
      float x3 = x[xOffset + i + 3];
      float[] r0 = rows[rowOffset + i];
      float[] r1 = rows[rowOffset + i + 1];
      float[] r2 = rows[rowOffset + i + 2];
      float[] r3 = rows[rowOffset + i + 3];
      for (int j = 0; j < n; j++) {
        acc[j] = acc[j] + x0 * r0[j] + x1 * r1[j] + x2 * r2[j] + x3 * r3[j];
      }
    }
    for (; i < count; i++) {
      float xi = x[xOffset + i];
      float[] r = rows[rowOffset + i];
      for (int j = 0; j < n; j++) {
        acc[j] += xi * r[j];
      }
    }
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  /**
   * {@code tanh(x) = 1 - 2 / (exp(2x) + 1)} in double, rounded to float: as exact as {@code
   * Math.tanh} at float precision, and several times faster, since {@code Math.exp} is a JIT
   * intrinsic and {@code Math.tanh} is not.
   */
  private static float tanh(float x) {
    if (x > 20f) {
      return 1f;
    }
    if (x < -20f) {
      return -1f;
    }
    return (float) (1 - 2 / (Math.exp(2.0 * x) + 1));
  }
}
