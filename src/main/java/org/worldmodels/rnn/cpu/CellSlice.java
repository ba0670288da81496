package org.worldmodels.rnn.cpu;

/**
 * The part of an MDN-RNN cell step ({@link org.worldmodels.rnn.MdnRnnCell}) that produces hidden
 * units {@code [unitFrom, unitFrom + units)} and head columns {@code [headFrom, headFrom +
 * headColumns)}, with its own packed copy of the weights it reads. The whole cell is one slice
 * ({@link #whole}); {@link TwoCoreCell} runs two halves on two threads, so that each core reads
 * (and keeps in its own L2 cache) half of the weights.
 *
 * <p>Public for {@code MdnRnnCell}, which steps the whole slice on one core: only {@link #whole},
 * {@link #lstm} and {@link #head} are visible outside this package.
 *
 * <p>Every output element is computed with the same float operations in the same order whatever the
 * slice: the bias, then the kernel rows in the order z, a, h, four rows per pass. So halves give
 * bitwise what the whole cell gives.
 *
 * <p>The slice's gate columns are packed as input, forget, cell, output gate of its units, each
 * {@code units} wide: for the whole cell that is the checkpoint's own layout.
 */
public final class CellSlice {
  private final int zs;
  private final int as;
  private final int hs;
  private final int unitFrom;
  private final int units;
  private final int headFrom;
  private final int headColumns;

  /**
   * {@code [Z + A + H][4 units]}, one Java array per kernel row: C2 vectorises {@code acc[j] += x *
   * row[j]} with the same index on both sides, not the same loop over an offset into one flat array
   * (it cannot rule out aliasing).
   */
  private final float[][] lstmRows;

  private final float[] lstmBias;

  /** {@code [H][headColumns]}. */
  private final float[][] headRows;

  private final float[] headBias;

  /** The two halves of a whole slice, cut on first use and shared by its two-core cells. */
  private volatile CellSlice[] halves;

  private CellSlice(
      int zs,
      int as,
      int hs,
      int unitFrom,
      int units,
      int headFrom,
      int headColumns,
      float[][] lstmRows,
      float[] lstmBias,
      float[][] headRows,
      float[] headBias) {
    this.zs = zs;
    this.as = as;
    this.hs = hs;
    this.unitFrom = unitFrom;
    this.units = units;
    this.headFrom = headFrom;
    this.headColumns = headColumns;
    this.lstmRows = lstmRows;
    this.lstmBias = lstmBias;
    this.headRows = headRows;
    this.headBias = headBias;
  }

  /**
   * The whole cell over checkpoint weights in the fused-LSTM layout: {@code lstmKernel} {@code [Z +
   * A + H, 4H]} and {@code lstmBias} {@code [4H]} (gates input, forget, cell, output), {@code
   * headKernel} {@code [H, O]} and {@code headBias} {@code [O]}, all row-major. The arrays are
   * copied.
   */
  public static CellSlice whole(
      int zSize,
      int actionSize,
      int hidden,
      float[] lstmKernel,
      float[] lstmBias,
      float[] headKernel,
      float[] headBias) {
    int out = headBias.length;
    return new CellSlice(
        zSize,
        actionSize,
        hidden,
        0,
        hidden,
        0,
        out,
        rows(lstmKernel, zSize + actionSize + hidden, 4 * hidden),
        lstmBias.clone(),
        rows(headKernel, hidden, out),
        headBias.clone());
  }

  private static float[][] rows(float[] flat, int rows, int cols) {
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /**
   * The slice of this whole cell that computes units {@code [unitFrom, unitTo)} and head columns
   * {@code [headFrom, headTo)}.
   */
  CellSlice cut(int unitFrom, int unitTo, int headFrom, int headTo) {
    if (this.units != hs || this.headFrom != 0) {
      throw new IllegalStateException("only the whole cell can be cut");
    }
    int n = unitTo - unitFrom;
    float[][] lstm = new float[lstmRows.length][4 * n];
    float[] bias = new float[4 * n];
    for (int g = 0; g < 4; g++) {
      System.arraycopy(lstmBias, g * hs + unitFrom, bias, g * n, n);
      for (int r = 0; r < lstmRows.length; r++) {
        System.arraycopy(lstmRows[r], g * hs + unitFrom, lstm[r], g * n, n);
      }
    }
    int m = headTo - headFrom;
    float[][] head = new float[hs][m];
    for (int r = 0; r < hs; r++) {
      System.arraycopy(headRows[r], headFrom, head[r], 0, m);
    }
    float[] hb = new float[m];
    System.arraycopy(headBias, headFrom, hb, 0, m);
    return new CellSlice(zs, as, hs, unitFrom, n, headFrom, m, lstm, bias, head, hb);
  }

  /**
   * This whole cell cut in two: the first half computes the lower half of the hidden units and head
   * columns, the second the rest. Cut on first use (it copies the weights once more) and shared by
   * every {@link TwoCoreCell} of this slice.
   */
  CellSlice[] halves() {
    CellSlice[] s = halves;
    if (s == null) {
      synchronized (this) {
        s = halves;
        if (s == null) {
          int u = hs / 2;
          int o = headColumns / 2;
          s = new CellSlice[] {cut(0, u, 0, o), cut(u, hs, o, headColumns)};
          halves = s;
        }
      }
    }
    return s;
  }

  /** Width of the latent input {@code Z}. */
  int zSize() {
    return zs;
  }

  /** Width of the action input {@code A}. */
  int actionSize() {
    return as;
  }

  /** Hidden units {@code H}. */
  int hidden() {
    return hs;
  }

  /** The first hidden unit this slice computes. */
  int unitFrom() {
    return unitFrom;
  }

  /** How many hidden units this slice computes. */
  int units() {
    return units;
  }

  /** Length of the gate scratch array {@link #lstm} needs. */
  int gateCount() {
    return 4 * units;
  }

  /** Length of the scratch array {@link #head} needs. */
  int headColumns() {
    return headColumns;
  }

  /**
   * The LSTM update of this slice's units for one row: reads {@code z}, {@code a} and the whole of
   * {@code h} at {@code stateOffset}, updates this slice's units of {@code c} in place, and writes
   * their new hidden values to {@code hOut} at {@code hOutOffset + unit}. {@code hOut} may be
   * {@code h} only when no other slice is reading {@code h} at the same time: the gate sums are
   * complete before the first write.
   */
  public void lstm(
      float[] z,
      int zOffset,
      float[] a,
      int aOffset,
      float[] h,
      float[] c,
      int stateOffset,
      float[] hOut,
      int hOutOffset,
      float[] gates) {
    int g4 = 4 * units;
    System.arraycopy(lstmBias, 0, gates, 0, g4);
    // Kernel rows: z first, then a, then h; the three runs add up in that order.
    accumulate(z, zOffset, zs, lstmRows, 0, gates, g4);
    accumulate(a, aOffset, as, lstmRows, zs, gates, g4);
    accumulate(h, stateOffset, hs, lstmRows, zs + as, gates, g4);
    int n = units;
    for (int u = 0; u < n; u++) {
      int j = unitFrom + u;
      float ig = sigmoid(gates[u]);
      float fg = sigmoid(gates[n + u]);
      float cc = tanh(gates[2 * n + u]);
      float og = sigmoid(gates[3 * n + u]);
      float cNew = fg * c[stateOffset + j] + ig * cc;
      c[stateOffset + j] = cNew;
      hOut[hOutOffset + j] = og * tanh(cNew);
    }
  }

  /**
   * This slice's head columns for one row: reads the whole of {@code h} at {@code hOffset} and
   * writes {@code y[yOffset + column]}. {@code acc} is scratch of at least {@link #headColumns()}.
   */
  public void head(float[] h, int hOffset, float[] y, int yOffset, float[] acc) {
    // The accumulator starts at index 0 (so that C2 vectorises the loop), then goes to y.
    System.arraycopy(headBias, 0, acc, 0, headColumns);
    accumulate(h, hOffset, hs, headRows, 0, acc, headColumns);
    System.arraycopy(acc, 0, y, yOffset + headFrom, headColumns);
  }

  /**
   * {@code acc += sum_i x[xOffset + i] * rows[rowOffset + i]} for {@code i < count}, four rows per
   * pass (one store of {@code acc} per four products). Java evaluates {@code acc + p0 + p1 + p2 +
   * p3} left to right without fused multiply-adds, so the result is bitwise the same as adding the
   * rows one at a time, however the runs are grouped, and each column's result depends only on that
   * column.
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
