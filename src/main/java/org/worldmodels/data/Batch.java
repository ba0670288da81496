package org.worldmodels.data;

import java.util.Arrays;
import java.util.List;

/**
 * One optimizer step's worth of training windows, time-major and flat, ready to wrap in TensorFlow
 * tensors without copying. With T = {@link #seqLen()}, B = {@link #batchSize()}, Z and A the
 * widths, the value for time t of row b sits at flat index {@code t * B + b} (times Z or A for
 * vectors):
 *
 * <ul>
 *   <li>{@link #z()} [T, B, Z]: inputs {@code z[t]}
 *   <li>{@link #action()} [T, B, A]: actions {@code a[t]}
 *   <li>{@link #zNext()} [T, B, Z]: targets {@code z[t+1]}
 *   <li>{@link #reward()} [T, B]: rewards after {@code a[t]}
 *   <li>{@link #terminated()} [T, B]: 1 if a terminal state followed {@code a[t]}, else 0
 *   <li>{@link #mask()} [T, B]: 1 for a real transition, 0 for padding
 * </ul>
 *
 * Each row is one window of one episode starting at time 0 of the row, so the LSTM starts every row
 * from a zero state. With a burn-in ({@link BatchPlan}), a row first holds up to that many earlier
 * transitions of its episode with mask 0 ({@link #burnInOf}): fed through the LSTM for context but
 * not scored; its window follows them. Rows shorter than T, and whole rows beyond the epoch's last
 * window, are padded with zeros and mask 0. Losses must be averaged over the mask.
 *
 * <p>The arrays are this batch's own and are overwritten when the batch is passed back to {@link
 * BatchPlan#batchAt(long, Batch)} for reuse.
 */
public final class Batch {
  private final int seqLen;
  private final int batchSize;
  private final int zSize;
  private final int actionSize;
  final float[] z;
  final float[] action;
  final float[] zNext;
  final float[] reward;
  final float[] terminated;
  final float[] mask;
  final int[] rowEpisode;
  final int[] rowStart;
  final int[] rowLength;
  final int[] rowBurnIn;
  long step;
  long epoch;
  int validSteps;

  Batch(int seqLen, int batchSize, int zSize, int actionSize) {
    this.seqLen = seqLen;
    this.batchSize = batchSize;
    this.zSize = zSize;
    this.actionSize = actionSize;
    int cells = Math.multiplyExact(seqLen, batchSize);
    z = new float[Math.multiplyExact(cells, zSize)];
    zNext = new float[z.length];
    action = new float[Math.multiplyExact(cells, actionSize)];
    reward = new float[cells];
    terminated = new float[cells];
    mask = new float[cells];
    rowEpisode = new int[batchSize];
    rowStart = new int[batchSize];
    rowLength = new int[batchSize];
    rowBurnIn = new int[batchSize];
  }

  /**
   * Steps {@code [from, from + seqLen)} of each episode, episode {@code i} in row {@code i},
   * time-major; steps past an episode's end are padding (mask 0). Consecutive calls with {@code
   * from} advancing by {@code seqLen} cover whole episodes, as evaluation does with the LSTM state
   * carried across windows.
   */
  public static Batch ofEpisodeSteps(List<Episode> episodes, int from, int seqLen) {
    Episode first = episodes.get(0);
    Batch b = new Batch(seqLen, episodes.size(), first.zSize(), first.actionSize());
    for (int row = 0; row < episodes.size(); row++) {
      Episode e = episodes.get(row);
      int length = Math.max(0, Math.min(seqLen, e.length() - from));
      b.copySteps(row, e, from, length, 0);
    }
    return b;
  }

  /**
   * Fills row {@code row} with the {@code burnIn} steps of {@code ep} before {@code start}, mask 0,
   * then steps {@code [start, start + length)}, valid.
   */
  void copySteps(int row, Episode ep, int start, int length, int burnIn) {
    copyCells(row, ep, start - burnIn, burnIn, 0, 0f);
    copyCells(row, ep, start, length, burnIn, 1f);
    rowStart[row] = start;
    rowLength[row] = length;
    rowBurnIn[row] = burnIn;
    validSteps += length;
  }

  /** Steps {@code [start, start + length)} of {@code ep} at times {@code from..} of {@code row}. */
  private void copyCells(int row, Episode ep, int start, int length, int from, float maskValue) {
    float[][] zs = ep.z();
    float[][] actions = ep.action();
    for (int t = 0; t < length; t++) {
      int s = start + t;
      int cell = (from + t) * batchSize + row;
      System.arraycopy(zs[s], 0, z, cell * zSize, zSize);
      System.arraycopy(zs[s + 1], 0, zNext, cell * zSize, zSize);
      System.arraycopy(actions[s], 0, action, cell * actionSize, actionSize);
      reward[cell] = ep.reward()[s];
      terminated[cell] = ep.terminated()[s] ? 1f : 0f;
      mask[cell] = maskValue;
    }
  }

  /** Whether this batch has the given dimensions (and can be reused for them). */
  boolean hasShape(int seqLen, int batchSize, int zSize, int actionSize) {
    return this.seqLen == seqLen
        && this.batchSize == batchSize
        && this.zSize == zSize
        && this.actionSize == actionSize;
  }

  /** Zeroes every value, so padding needs no further work. */
  void clear() {
    Arrays.fill(z, 0f);
    Arrays.fill(zNext, 0f);
    Arrays.fill(action, 0f);
    Arrays.fill(reward, 0f);
    Arrays.fill(terminated, 0f);
    Arrays.fill(mask, 0f);
    Arrays.fill(rowEpisode, -1);
    Arrays.fill(rowStart, 0);
    Arrays.fill(rowLength, 0);
    Arrays.fill(rowBurnIn, 0);
    validSteps = 0;
  }

  /** Inputs {@code z[t]}, [T, B, Z]. */
  public float[] z() {
    return z;
  }

  /** Actions, [T, B, A]. */
  public float[] action() {
    return action;
  }

  /** Targets {@code z[t+1]}, [T, B, Z]. */
  public float[] zNext() {
    return zNext;
  }

  /** Rewards, [T, B]. */
  public float[] reward() {
    return reward;
  }

  /** Terminal flags as 0/1, [T, B]. */
  public float[] terminated() {
    return terminated;
  }

  /** 1 for real transitions, 0 for padding, [T, B]. */
  public float[] mask() {
    return mask;
  }

  /** The global optimizer step (0-based) this batch is for. */
  public long step() {
    return step;
  }

  /** The epoch (0-based) the batch belongs to. */
  public long epoch() {
    return epoch;
  }

  /** Time steps per row, T (a plan's window length plus its burn-in). */
  public int seqLen() {
    return seqLen;
  }

  /** Rows, B. */
  public int batchSize() {
    return batchSize;
  }

  /** Latent width Z. */
  public int zSize() {
    return zSize;
  }

  /** Action width A. */
  public int actionSize() {
    return actionSize;
  }

  /** Number of real (mask 1) transitions. */
  public int validSteps() {
    return validSteps;
  }

  /** The dataset index of row {@code b}'s episode, or -1 for a padding row. */
  public int episodeOf(int b) {
    return rowEpisode[b];
  }

  /** The episode transition that row {@code b}'s scored steps (mask 1) start at. */
  public int startOf(int b) {
    return rowStart[b];
  }

  /** The number of real transitions in row {@code b} (0 for a padding row). */
  public int lengthOf(int b) {
    return rowLength[b];
  }

  /**
   * The number of unscored steps (mask 0) before row {@code b}'s scored ones: transitions {@code
   * startOf(b) - burnInOf(b) .. startOf(b) - 1} of its episode, at times 0 to {@code burnInOf(b) -
   * 1} of the row.
   */
  public int burnInOf(int b) {
    return rowBurnIn[b];
  }

  @Override
  public String toString() {
    return "Batch[step "
        + step
        + ", epoch "
        + epoch
        + ", T="
        + seqLen
        + ", B="
        + batchSize
        + ", valid "
        + validSteps
        + "]";
  }
}
