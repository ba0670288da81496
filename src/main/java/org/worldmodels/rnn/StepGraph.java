package org.worldmodels.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Check;

/**
 * The one-step inference graph {@code (z, a, h, c) -> (y, h', c')} over checkpoint weights, for a
 * batch of rows: the TensorFlow path of dreaming, worth its per-call cost at large batches. The
 * same checkpoint loads into this and into {@link SequenceGraph}; {@link MdnRnnCell} computes the
 * same in plain Java.
 *
 * <p>Thread-safe: {@link #step} may run on several threads at once, each with its own arrays (the
 * weights are graph constants and a TensorFlow session accepts concurrent runs); a row's result
 * does not depend on what else runs. {@link #close()} waits for running steps (the session does); a
 * step after it throws {@link IllegalStateException}.
 */
public final class StepGraph implements AutoCloseable {
  /**
   * From this many rows up to {@link #ONE_PRODUCT_BELOW_BATCH} the four gates come from one
   * product; outside that range from one product each.
   */
  static final int ONE_PRODUCT_FROM_BATCH = 32;

  /** See {@link #ONE_PRODUCT_FROM_BATCH}. */
  static final int ONE_PRODUCT_BELOW_BATCH = 512;

  private final MdnRnnConfig config;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> z;
  private final Placeholder<TFloat32> action;
  private final Placeholder<TFloat32> h0;
  private final Placeholder<TFloat32> c0;

  /** The outputs with one product per gate. */
  private final Outputs perGate;

  /** The outputs with one product for all four gates, for batches in the range above. */
  private final Outputs oneProduct;

  private volatile boolean closed;

  public StepGraph(MdnRnnConfig config, MdnRnnWeights weights) {
    weights.checked(config, "weights");
    this.config = config;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      int zs = config.zSize();
      int as = config.actionSize();
      int hs = config.hidden();
      int in = config.inputSize();
      int out = config.outputSize();
      z = tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, zs)));
      action =
          tf.withName("action").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, as)));
      h0 = tf.withName("h").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, hs)));
      c0 = tf.withName("c").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, hs)));
      Operand<TFloat32> x =
          as > 0
              ? tf.concat(List.of(z, action, h0), tf.constant(1))
              : tf.concat(List.of(z, h0), tf.constant(1));
      // Two layouts of the same arithmetic (each element of the gates is the same sum either way;
      // tested): one product per gate spares large batches a split that copied all of the gates
      // once more (16 MB a step at 4096 rows), and at 16 rows it is faster too; from 32 to 511
      // rows one product is as fast or faster (8 against 14-15 us a row at 256 rows and World
      // Models' sizes: docs/performance.md).
      Operand<TFloat32> kernel =
          tf.constant(Shape.of(in + hs, 4 * hs), DataBuffers.of(weights.lstmKernel(), true, false));
      Operand<TFloat32> bias =
          tf.constant(Shape.of(4 * hs), DataBuffers.of(weights.lstmBias(), true, false));
      Operand<TFloat32> headK =
          tf.constant(Shape.of(hs, out), DataBuffers.of(weights.headKernel(), true, false));
      Operand<TFloat32> headB =
          tf.constant(Shape.of(out), DataBuffers.of(weights.headBias(), true, false));
      oneProduct =
          outputs(
              tf,
              LstmOps.cell(tf, tf.math.add(tf.linalg.matMul(x, kernel), bias), c0),
              headK,
              headB);
      List<Operand<TFloat32>> gates = new ArrayList<>();
      for (int g = 0; g < 4; g++) {
        gates.add(gate(tf, x, weights, in + hs, hs, g));
      }
      perGate =
          outputs(
              tf,
              LstmOps.cell(tf, gates.get(0), gates.get(1), gates.get(2), gates.get(3), c0),
              headK,
              headB);
      // The plain session, not Grappler's remapper: its fused product-with-bias kernels took 2.3x
      // longer a step at 4096 rows (docs/performance.md, 2026-12-05).
      session = TfRuntime.session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** One layout's fetches: the head output {@code y} and the new state. */
  private record Outputs(Operand<TFloat32> y, Operand<TFloat32> h, Operand<TFloat32> c) {}

  private static Outputs outputs(
      Ops tf, List<Operand<TFloat32>> hc, Operand<TFloat32> headK, Operand<TFloat32> headB) {
    Operand<TFloat32> h = hc.get(0);
    return new Outputs(tf.math.add(tf.linalg.matMul(h, headK), headB), h, hc.get(1));
  }

  /** The layout that is faster for {@code batch} rows. */
  private Outputs layout(long batch) {
    return batch >= ONE_PRODUCT_FROM_BATCH && batch < ONE_PRODUCT_BELOW_BATCH
        ? oneProduct
        : perGate;
  }

  /**
   * Gate {@code g}'s pre-activation {@code x W_g + b_g}, {@code W_g} being columns {@code [g H, (g
   * + 1) H)} of the {@code [rows, 4H]} LSTM kernel. Weights are constants: inference never changes
   * them.
   */
  private static Operand<TFloat32> gate(
      Ops tf, Operand<TFloat32> x, MdnRnnWeights weights, int rows, int hs, int g) {
    float[] kernel = new float[rows * hs];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(weights.lstmKernel(), r * 4 * hs + g * hs, kernel, r * hs, hs);
    }
    float[] bias = Arrays.copyOfRange(weights.lstmBias(), g * hs, (g + 1) * hs);
    return tf.math.add(
        tf.linalg.matMul(x, tf.constant(Shape.of(rows, hs), DataBuffers.of(kernel, true, false))),
        tf.constant(Shape.of(hs), DataBuffers.of(bias, true, false)));
  }

  /** The configuration. */
  public MdnRnnConfig config() {
    return config;
  }

  /**
   * Advances {@code batch} rows: reads {@code z} {@code [B, Z]}, {@code a} {@code [B, A]}, {@code
   * h}, {@code c} {@code [B, H]}; writes {@code y} {@code [B, O]} and the new {@code h}, {@code c}
   * in place.
   */
  public void step(int batch, float[] zIn, float[] aIn, float[] h, float[] c, float[] yOut) {
    Check.state(!closed, "StepGraph is closed");
    Outputs o = layout(batch);
    int zs = config.zSize();
    int as = config.actionSize();
    int hs = config.hidden();
    try (TFloat32 zt = TFloat32.tensorOf(Shape.of(batch, zs), DataBuffers.of(zIn, true, false));
        TFloat32 at = TFloat32.tensorOf(Shape.of(batch, as), DataBuffers.of(aIn, true, false));
        TFloat32 ht = TFloat32.tensorOf(Shape.of(batch, hs), DataBuffers.of(h, true, false));
        TFloat32 ct = TFloat32.tensorOf(Shape.of(batch, hs), DataBuffers.of(c, true, false));
        Result r =
            session
                .runner()
                .feed(z, zt)
                .feed(action, at)
                .feed(h0, ht)
                .feed(c0, ct)
                .fetch(o.y())
                .fetch(o.h())
                .fetch(o.c())
                .run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(yOut, false, false));
      ((TFloat32) r.get(1)).copyTo(DataBuffers.of(h, false, false));
      ((TFloat32) r.get(2)).copyTo(DataBuffers.of(c, false, false));
    }
  }

  /**
   * A zero state for {@code batch} rows, for {@link #step(StepState, float[], float[], float[])}.
   */
  public StepState newState(int batch) {
    return new StepState(batch, config.hidden(), config.zSize(), config.actionSize());
  }

  /**
   * Advances the rows of {@code state}: reads {@code z} {@code [B, Z]} and {@code a} {@code [B,
   * A]}, writes {@code y} {@code [B, O]}; the new {@code h} and {@code c} stay in {@code state}.
   * The same numbers as {@link #step(int, float[], float[], float[], float[], float[])}.
   */
  public void step(StepState state, float[] zIn, float[] aIn, float[] yOut) {
    advance(state, zIn, aIn);
    state.readOutput(0, state.batch(), yOut);
  }

  /**
   * As {@link #step(StepState, float[], float[], float[])}, but the head output stays in {@code
   * state} too, for {@link StepState#readOutput} to copy out in parts.
   */
  public void advance(StepState state, float[] zIn, float[] aIn) {
    Check.state(!closed, "StepGraph is closed");
    Outputs o = layout(state.batch());
    Result r =
        session
            .runner()
            .feed(z, state.latents(zIn))
            .feed(action, state.actions(aIn))
            .feed(h0, state.h())
            .feed(c0, state.c())
            .fetch(o.y())
            .fetch(o.h())
            .fetch(o.c())
            .run();
    state.advance(r, (TFloat32) r.get(0), (TFloat32) r.get(1), (TFloat32) r.get(2));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
