package org.worldmodels.rnn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/** The LSTM cell as graph ops, shared by the sequence and one-step graphs. */
final class LstmOps {
  private LstmOps() {}

  /**
   * Everything one cell update computes, each {@code [B, H]}: the gates {@code i}, {@code f},
   * {@code o}, the cell input {@code ci = tanh(.)}, the new cell state {@code cs}, {@code co =
   * tanh(cs)} and the output {@code h = o co}. The backward pass needs all of them.
   */
  record Step(
      Operand<TFloat32> i,
      Operand<TFloat32> f,
      Operand<TFloat32> ci,
      Operand<TFloat32> o,
      Operand<TFloat32> cs,
      Operand<TFloat32> co,
      Operand<TFloat32> h) {}

  /**
   * One cell update from pre-activations {@code gates = x W_x + b + h W_h} {@code [B, 4H]} (gate
   * order input, forget, cell, output, as the fused {@code BlockLSTM} op) and the previous cell
   * state {@code c}.
   */
  static Step step(Ops tf, Operand<TFloat32> gates, Operand<TFloat32> c) {
    Split<TFloat32> g = tf.split(tf.constant(1), gates, 4L);
    return step(tf, g.output().get(0), g.output().get(1), g.output().get(2), g.output().get(3), c);
  }

  /**
   * As {@link #step(Ops, Operand, Operand)}, from the four gates' pre-activations {@code [B, H]}.
   */
  static Step step(
      Ops tf,
      Operand<TFloat32> input,
      Operand<TFloat32> forget,
      Operand<TFloat32> cell,
      Operand<TFloat32> output,
      Operand<TFloat32> c) {
    Operand<TFloat32> ig = tf.math.sigmoid(input);
    Operand<TFloat32> fg = tf.math.sigmoid(forget);
    Operand<TFloat32> cc = tf.math.tanh(cell);
    Operand<TFloat32> og = tf.math.sigmoid(output);
    Operand<TFloat32> cNew = tf.math.add(tf.math.mul(fg, c), tf.math.mul(ig, cc));
    Operand<TFloat32> co = tf.math.tanh(cNew);
    return new Step(ig, fg, cc, og, cNew, co, tf.math.mul(og, co));
  }

  /** One cell update as {@link #step(Ops, Operand, Operand)}: returns {@code (h', c')}. */
  static List<Operand<TFloat32>> cell(Ops tf, Operand<TFloat32> gates, Operand<TFloat32> c) {
    Step s = step(tf, gates, c);
    return List.of(s.h(), s.cs());
  }

  /** One cell update from the four gates' pre-activations: returns {@code (h', c')}. */
  static List<Operand<TFloat32>> cell(
      Ops tf,
      Operand<TFloat32> input,
      Operand<TFloat32> forget,
      Operand<TFloat32> cell,
      Operand<TFloat32> output,
      Operand<TFloat32> c) {
    Step s = step(tf, input, forget, cell, output, c);
    return List.of(s.h(), s.cs());
  }

  /** Rows {@code [from, from + rows)} of a {@code [*, cols]} matrix. */
  static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> m, int from, int rows, int cols) {
    return tf.slice(m, tf.constant(new int[] {from, 0}), tf.constant(new int[] {rows, cols}));
  }
}
