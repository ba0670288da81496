package org.worldmodels.rnn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.LSTMBlockCellGrad;
import org.tensorflow.types.TFloat32;

/**
 * The LSTM over a window of {@code T} steps, unrolled in the graph, with its backward pass written
 * by hand (TensorFlow's automatic gradient of the unrolled cell builds about 30 small ops per step,
 * and one small weight-gradient product per step summed at the end).
 *
 * <p>Forward, per step: one product {@code h_{t-1} W_h} added to the input projection {@code x_t
 * W_x + b}, which is one product per chunk of {@code chunk} steps, and the cell's elementwise ops.
 * Every step's gates, cell state and output are kept for the backward pass.
 *
 * <p>Backward, per step {@code t} from {@code T - 1} down to 0, only what is truly sequential:
 * TensorFlow's fused {@code LSTMBlockCellGrad} op turns {@code dh_t} (the loss gradient at the
 * output plus the recurrent term) and {@code dc_{t+1} f_{t+1}} into the gate gradients {@code
 * dgates_t} and {@code dc_t f_t}, and one product {@code dgates_t W_h^T} carries the gradient to
 * {@code h_{t-1}}. The weight and bias gradients are one product per chunk, {@code [x_t, h_{t-1},
 * 1]^T dgates}, summed over chunks.
 *
 * <p>{@code LSTMBlockCellGrad} lays its gate gradients out as input, cell, forget, output (the V1
 * cells' order) while the weights are input, forget, cell, output ({@code BlockLSTMV2}, {@link
 * MdnRnnWeights}): the recurrent product uses a column-permuted copy of {@code W_h} and the weight
 * gradients are permuted back once. The op reads {@code x}, {@code h_prev}, {@code w} and {@code b}
 * only for their shapes (no peepholes).
 *
 * <p>Chunks bound what is alive besides every step's own values, and let work run beside the
 * recursion: a chunk's input projection is computed while the previous chunk's recursion runs, and
 * a chunk's weight-gradient product once the backward recursion has passed it (the recursion waits
 * for the product of the chunk before the previous one).
 */
final class LstmSequence {
  /**
   * Steps per chunk for a window of {@code seqLen} steps: about four chunks, of 25 to 100 steps.
   * Chunks let one chunk's head and another's weight-gradient product run while the recursion goes
   * on (with two inter-op threads), and bound the memory of the head; each chunk also adds about
   * 600 ops (TensorFlow's gradient of the head), so long windows use chunks of 100 steps.
   */
  static int defaultChunk(int seqLen) {
    return Math.min(100, Math.max(25, (seqLen + 3) / 4));
  }

  private final int seqLen;
  private final int chunk;
  private final int inputSize;
  private final int hidden;
  private final Operand<TFloat32> x;
  private final Operand<TFloat32> h0;
  private final Operand<TFloat32> c0;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final LstmOps.Step[] steps;

  /**
   * Builds the forward pass.
   *
   * @param chunk steps per chunk (see the class comment)
   * @param x inputs {@code [T, B, I]}
   * @param h0 initial output {@code [B, H]}
   * @param c0 initial cell state {@code [B, H]}
   * @param kernel {@code [I + H, 4H]}, gates input, forget, cell, output
   * @param bias {@code [4H]}
   * @param firstProjectionHalves whether the first chunk's input projection is two products (the
   *     same bits either way at every shape checked)
   */
  LstmSequence(
      Ops tf,
      int seqLen,
      int chunk,
      int inputSize,
      int hidden,
      Operand<TFloat32> x,
      Operand<TFloat32> h0,
      Operand<TFloat32> c0,
      Operand<TFloat32> kernel,
      Operand<TFloat32> bias,
      boolean firstProjectionHalves) {
    this.seqLen = seqLen;
    this.chunk = chunk;
    this.inputSize = inputSize;
    this.hidden = hidden;
    this.x = x;
    this.h0 = h0;
    this.c0 = c0;
    this.kernel = kernel;
    this.bias = bias;
    this.steps = new LstmOps.Step[seqLen];
    Operand<TFloat32> wx = LstmOps.rows(tf, kernel, 0, inputSize, 4 * hidden);
    Operand<TFloat32> wh = LstmOps.rows(tf, kernel, inputSize, hidden, 4 * hidden);
    Operand<TFloat32> h = h0;
    Operand<TFloat32> c = c0;
    // The first chunk's projection as two products over its two halves of steps: the recursion
    // starts after the first half's, while the second half's runs beside it. Each row is the same
    // dot product (the same bits at every shape checked: LstmSequenceTest). One more small product
    // a window costs nothing measurable where ops run one at a time (1000 steps: level).
    int first = Math.min(chunk, seqLen);
    int firstHalf = firstProjectionHalves ? (first + 1) / 2 : first;
    List<Output<TFloat32>> next = new ArrayList<>(projection(tf, 0, firstHalf, wx, null));
    if (firstHalf < first) {
      next.addAll(projection(tf, firstHalf, first - firstHalf, wx, null));
    }
    for (int from = 0; from < seqLen; from += chunk) {
      int len = Math.min(chunk, seqLen - from);
      List<Output<TFloat32>> xps = next;
      if (from + chunk < seqLen) {
        // The next chunk's projection may run while this chunk's recursion does, not earlier:
        // at most two chunks' projections are alive.
        next =
            projection(
                tf, from + chunk, Math.min(chunk, seqLen - from - chunk), wx, from == 0 ? null : h);
      }
      for (int t = from; t < from + len; t++) {
        LstmOps.Step s =
            LstmOps.step(tf, tf.math.add(xps.get(t - from), tf.linalg.matMul(h, wh)), c);
        steps[t] = s;
        h = s.h();
        c = s.cs();
      }
    }
  }

  /**
   * The input projection {@code x_t W_x + b} of steps {@code [from, from + len)}, one {@code [B,
   * 4H]} tensor per step, computed after {@code after} (if not null).
   */
  private List<Output<TFloat32>> projection(
      Ops tf, int from, int len, Operand<TFloat32> wx, Operand<TFloat32> after) {
    Ops scope = after == null ? tf : tf.withControlDependencies(List.<Op>of(after));
    Operand<TFloat32> xp =
        scope.math.add(
            scope.linalg.matMul(
                scope.reshape(
                    timeSlice(scope, x, from, len), scope.constant(new int[] {-1, inputSize})),
                wx),
            bias);
    return tf.unstack(tf.reshape(xp, tf.constant(new int[] {len, -1, 4 * hidden})), (long) len)
        .output();
  }

  /** Steps {@code [from, from + len)} of {@code seq} {@code [T, ...]}, along the first axis. */
  static Operand<TFloat32> timeSlice(Ops tf, Operand<TFloat32> seq, int from, int len) {
    int rank = seq.shape().numDimensions();
    int[] begin = new int[rank];
    int[] size = new int[rank];
    begin[0] = from;
    size[0] = len;
    for (int d = 1; d < rank; d++) {
      size[d] = -1;
    }
    return tf.slice(seq, tf.constant(begin), tf.constant(size));
  }

  /** The window length {@code T}. */
  int seqLen() {
    return seqLen;
  }

  /** The outputs of steps {@code [from, from + len)} stacked, {@code [len, B, H]}. */
  Operand<TFloat32> outputs(Ops tf, int from, int len) {
    List<Operand<TFloat32>> hs = new ArrayList<>(len);
    for (int t = from; t < from + len; t++) {
      hs.add(steps[t].h());
    }
    return tf.stack(hs);
  }

  /** The output after the last step, {@code [B, H]}. */
  Operand<TFloat32> lastOutput() {
    return steps[seqLen - 1].h();
  }

  /** The cell state after the last step, {@code [B, H]}. */
  Operand<TFloat32> lastCell() {
    return steps[seqLen - 1].cs();
  }

  /**
   * The gradients of the loss with respect to the kernel and the bias, given its gradient {@code
   * dOutput.get(t)} with respect to each step's output {@code h_t}; the initial state is treated as
   * a constant.
   *
   * @param twoAtATime whether the session runs two ops at a time (each chunk's weight gradient is
   *     then two products)
   * @return {@code [dKernel, dBias]}, shaped and laid out as the kernel and the bias
   */
  List<Operand<TFloat32>> gradients(Ops tf, List<Operand<TFloat32>> dOutput, boolean twoAtATime) {
    int h = hidden;
    int in = inputSize;
    // LSTMBlockCellGrad reads x only for its shape: one step's slice serves every step.
    Operand<TFloat32> xShaped =
        tf.reshape(timeSlice(tf, x, 0, 1), tf.constant(new int[] {-1, inputSize}));
    // W_h^T with its rows in the gradient op's gate order, transposed once here: a product with a
    // transposed operand was 1.7 times slower per step.
    Operand<TFloat32> whIcfoT =
        tf.linalg.transpose(
            permuteGates(tf, LstmOps.rows(tf, kernel, in, h, 4 * h), 1),
            tf.constant(new int[] {1, 0}));
    Operand<TFloat32> zeroPeephole = tf.zeros(tf.constant(new int[] {h}), TFloat32.class);

    Operand<TFloat32>[] dGates = newArray(seqLen);
    Operand<TFloat32> dcNext = tf.zerosLike(c0);
    Operand<TFloat32> dGatesNext = null;
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (int from = (seqLen - 1) / chunk * chunk; from >= 0; from -= chunk) {
      int len = Math.min(chunk, seqLen - from);
      // The recursion runs at most one chunk ahead of the weight-gradient products, which would
      // otherwise wait for its end, holding every step's gate gradients.
      Ops first =
          parts.size() < 2
              ? tf
              : tf.withControlDependencies(List.<Op>of(parts.get(parts.size() - 2)));
      for (int t = from + len - 1; t >= from; t--) {
        LstmOps.Step s = steps[t];
        Operand<TFloat32> dh =
            dGatesNext == null
                ? dOutput.get(t)
                : (t == from + len - 1 ? first : tf)
                    .math.add(dOutput.get(t), tf.linalg.matMul(dGatesNext, whIcfoT));
        LSTMBlockCellGrad<TFloat32> g =
            tf.nn.lSTMBlockCellGrad(
                xShaped,
                t == 0 ? c0 : steps[t - 1].cs(),
                h0,
                kernel,
                zeroPeephole,
                zeroPeephole,
                zeroPeephole,
                bias,
                s.i(),
                s.cs(),
                s.f(),
                s.o(),
                s.ci(),
                s.co(),
                dcNext,
                dh,
                false);
        dGates[t] = g.dicfo();
        dGatesNext = g.dicfo();
        dcNext = g.csPrevGrad();
      }
      parts.add(weightGradient(tf, from, len, dGates, twoAtATime));
    }
    Operand<TFloat32> dAll =
        permuteGates(tf, parts.size() == 1 ? parts.get(0) : tf.math.addN(parts), 1);
    Operand<TFloat32> dKernel = LstmOps.rows(tf, dAll, 0, in + h, 4 * h);
    Operand<TFloat32> dBias =
        tf.reshape(LstmOps.rows(tf, dAll, in + h, 1, 4 * h), tf.constant(new int[] {4 * h}));
    return List.of(dKernel, dBias);
  }

  /**
   * {@code [x_t, h_{t-1}, 1]^T dgates_t} summed over steps {@code [from, from + len)}, {@code [I +
   * H + 1, 4H]} in the gradient op's gate order: the last row is the bias gradient. With {@code
   * halves}, two products of half the rows each.
   */
  private Operand<TFloat32> weightGradient(
      Ops tf, int from, int len, Operand<TFloat32>[] dGates, boolean halves) {
    List<Operand<TFloat32>> g = new ArrayList<>(len);
    List<Operand<TFloat32>> hPrev = new ArrayList<>(len);
    for (int t = from; t < from + len; t++) {
      g.add(dGates[t]);
      hPrev.add(t == 0 ? h0 : steps[t - 1].h());
    }
    // Built once the recursion has reached the chunk (its last step's gate gradients exist), not
    // right after the forward pass: long windows would hold every chunk's copy at once.
    Ops scope = tf.withControlDependencies(List.<Op>of(dGates[from + len - 1]));
    Operand<TFloat32> xPart = timeSlice(scope, x, from, len);
    Operand<TFloat32> ones =
        scope.onesLike(
            scope.slice(
                xPart, scope.constant(new int[] {0, 0, 0}), scope.constant(new int[] {-1, -1, 1})));
    Operand<TFloat32> xh =
        scope.reshape(
            scope.concat(List.of(xPart, scope.stack(hPrev), ones), scope.constant(2)),
            scope.constant(new int[] {-1, inputSize + hidden + 1}));
    Operand<TFloat32> gates = tf.reshape(tf.stack(g), tf.constant(new int[] {-1, 4 * hidden}));
    if (halves) {
      // Two products over the result's two halves of rows: the first chunk's product is the last
      // op before the update, and two ops at a time run them on both cores (every chunk's is
      // split: level or faster at every shape measured). Each element is the same dot product
      // over the chunk's rows (the same bits at every shape checked: LstmSequenceTest).
      int rows = inputSize + hidden + 1;
      int top = rows / 2;
      List<Output<TFloat32>> xhRows =
          tf.splitV(xh, tf.constant(new int[] {top, rows - top}), tf.constant(1), 2L).output();
      return tf.concat(
          List.of(
              tf.linalg.matMul(xhRows.get(0), gates, MatMul.transposeA(true)),
              tf.linalg.matMul(xhRows.get(1), gates, MatMul.transposeA(true))),
          tf.constant(0));
    }
    return tf.linalg.matMul(xh, gates, MatMul.transposeA(true));
  }

  /**
   * Swaps the second and third gate blocks along {@code axis}: input, forget, cell, output to
   * input, cell, forget, output and back.
   */
  private static Operand<TFloat32> permuteGates(Ops tf, Operand<TFloat32> m, int axis) {
    Split<TFloat32> g = tf.split(tf.constant(axis), m, 4L);
    List<Output<TFloat32>> b = g.output();
    return tf.concat(List.of(b.get(0), b.get(2), b.get(1), b.get(3)), tf.constant(axis));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }
}
