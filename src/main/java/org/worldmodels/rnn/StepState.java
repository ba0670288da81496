package org.worldmodels.rnn;

import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.worldmodels.util.Check;

/**
 * The LSTM state {@code (h, c)} of a batch of rows, kept in TensorFlow tensors between steps of a
 * {@link StepGraph}: one step's outputs are the next one's inputs, and neither is copied to or from
 * Java (at 4096 rows and 256 units that was 16 MB a step, about 6% of it). Java reads or writes the
 * state only when asked, for a reset, a snapshot or the hidden state. The input tensors are kept
 * too, and refilled every step.
 *
 * <p>One thread at a time, except that threads may {@link #readOutput} disjoint rows at once. Holds
 * native memory: close it.
 */
public final class StepState implements AutoCloseable {
  private final int batch;
  private final int hidden;

  /** The step inputs' tensors, written in place every step (no native allocation per step). */
  private final TFloat32 latentInput;

  private final TFloat32 actionInput;

  private TFloat32 h;
  private TFloat32 c;

  /** The last step's head output {@code [B, O]}, owned by {@link #owner}; null before a step. */
  private TFloat32 y;

  /**
   * The result that owns {@link #h}, {@link #c} and {@link #y}, or null when h and c are tensors of
   * their own.
   */
  private Result owner;

  private boolean closed;

  StepState(int batch, int hidden, int zSize, int actionSize) {
    this(batch, hidden, zSize, actionSize, TFloat32::tensorOf);
  }

  /**
   * As above, with the input tensors from {@code allocate} (tests make an allocation fail). What
   * was allocated before a failure is closed before the failure propagates.
   */
  StepState(int batch, int hidden, int zSize, int actionSize, Function<Shape, TFloat32> allocate) {
    Check.argument(batch >= 1, "batch must be >= 1, got " + batch);
    this.batch = batch;
    this.hidden = hidden;
    TFloat32 latents = allocate.apply(Shape.of(batch, zSize));
    TFloat32 actions = null;
    try {
      actions = allocate.apply(Shape.of(batch, actionSize));
      set(new float[batch * hidden], new float[batch * hidden]);
    } catch (RuntimeException | Error e) {
      latents.close();
      if (actions != null) {
        actions.close();
      }
      throw e;
    }
    latentInput = latents;
    actionInput = actions;
  }

  /** The latent input tensor, holding {@code z} {@code [B, Z]}. */
  TFloat32 latents(float[] z) {
    return filled(latentInput, z, "z");
  }

  /** The action input tensor, holding {@code a} {@code [B, A]}. */
  TFloat32 actions(float[] a) {
    return filled(actionInput, a, "a");
  }

  private TFloat32 filled(TFloat32 t, float[] values, String name) {
    Check.state(!closed, "StepState is closed");
    Check.argument(
        values.length == t.size(),
        name + " has " + values.length + " values; expected " + t.size() + " for this state");
    t.asRawTensor().data().asFloats().write(values, 0, (int) t.size());
    return t;
  }

  /** The number of rows. */
  public int batch() {
    return batch;
  }

  TFloat32 h() {
    Check.state(!closed, "StepState is closed");
    return h;
  }

  TFloat32 c() {
    Check.state(!closed, "StepState is closed");
    return c;
  }

  /**
   * Takes the head output {@code y} and the new {@code h} and {@code c} from a step's result, which
   * this state then owns and closes.
   */
  void advance(Result result, TFloat32 newY, TFloat32 newH, TFloat32 newC) {
    release();
    owner = result;
    y = newY;
    h = newH;
    c = newC;
  }

  /**
   * Copies rows {@code [fromRow, toRow)} of the last step's head output into {@code yOut} {@code
   * [B, O]}, at the same place. Threads may read disjoint rows at once: the sampling threads each
   * copy the rows they are about to sample, so the copy is split over the cores and the rows are
   * still in the core's cache when sampled.
   */
  public void readOutput(int fromRow, int toRow, float[] yOut) {
    Check.state(!closed, "StepState is closed");
    Check.state(y != null, "no step has run since the state was set");
    long width = y.shape().size(1);
    Check.argument(
        0 <= fromRow && fromRow <= toRow && toRow <= batch && yOut.length == batch * width,
        "rows ["
            + fromRow
            + ", "
            + toRow
            + ") into "
            + yOut.length
            + " values; expected rows in [0, "
            + batch
            + "] into "
            + batch * width);
    int from = (int) (fromRow * width);
    int n = (int) ((toRow - fromRow) * width);
    y.asRawTensor().data().asFloats().slice(from, n).read(yOut, from, n);
  }

  /** Copies the state out: {@code h} and {@code c} {@code [B, H]}. */
  public void read(float[] hOut, float[] cOut) {
    Check.state(!closed, "StepState is closed");
    h.copyTo(DataBuffers.of(hOut, false, false));
    c.copyTo(DataBuffers.of(cOut, false, false));
  }

  /** Replaces the state with {@code h} and {@code c} {@code [B, H]}. */
  public void set(float[] hIn, float[] cIn) {
    Check.argument(
        hIn.length == batch * hidden && cIn.length == batch * hidden,
        "state of " + hIn.length + " and " + cIn.length + " values for " + batch * hidden);
    release();
    Shape shape = Shape.of(batch, hidden);
    h = TFloat32.tensorOf(shape, DataBuffers.of(hIn, true, false));
    try {
      c = TFloat32.tensorOf(shape, DataBuffers.of(cIn, true, false));
    } catch (RuntimeException e) {
      h.close();
      h = null;
      throw e;
    }
  }

  /** Sets every row's state to zero. */
  public void zero() {
    set(new float[batch * hidden], new float[batch * hidden]);
  }

  /** Sets row {@code row}'s state to zero, in place. */
  public void zero(int row) {
    Check.inRange("row", row, 0, batch - 1);
    float[] zeros = new float[hidden];
    rowOf(h, row).write(zeros);
    rowOf(c, row).write(zeros);
  }

  /**
   * Sets row {@code row}'s state, in place, to {@code hIn} and {@code cIn} {@code [H]} read from
   * {@code offset}.
   */
  public void setRow(int row, float[] hIn, float[] cIn, int offset) {
    Check.state(!closed, "StepState is closed");
    Check.inRange("row", row, 0, batch - 1);
    rowOf(h, row).write(hIn, offset, hidden);
    rowOf(c, row).write(cIn, offset, hidden);
  }

  private FloatDataBuffer rowOf(TFloat32 t, int row) {
    return t.asRawTensor().data().asFloats().slice((long) row * hidden, hidden);
  }

  private void release() {
    if (owner != null) {
      owner.close();
      owner = null;
    } else {
      if (h != null) {
        h.close();
      }
      if (c != null) {
        c.close();
      }
    }
    h = null;
    c = null;
    y = null;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release();
      latentInput.close();
      actionInput.close();
    }
  }
}
