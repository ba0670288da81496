package org.worldmodels.dream;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.worldmodels.data.LatentRange;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.StepGraph;
import org.worldmodels.rnn.StepState;
import org.worldmodels.rnn.cpu.TwoCoreCell;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Check;
import org.worldmodels.util.ClaimedChunks;

/**
 * The {@link DreamEnv} of a trained model: the LSTM and head run in plain Java ({@link MdnRnnCell})
 * or on TensorFlow ({@link StepGraph}); sampling always runs in Java from each row's own {@link
 * RowRandom}. Buffers are allocated once; a step allocates only its result.
 *
 * <p>One thread at a time; the cell is shared and immutable, the step graph shared and thread-safe,
 * everything else belongs to this dream. At small batches on the Java cell, a dream has its own
 * helper thread ({@link TwoCoreCell}), stopped by {@link #close()}.
 *
 * <p>Draws per row and step, in order: the latent's ({@link LatentSampler}: one uniform per
 * dimension to pick its component, then each dimension's component draws); then one uniform for a
 * sampled done.
 */
final class BatchedDream implements DreamEnv {
  private final MdnRnnConfig config;
  private final MdnRnnCell cell;
  private final StepGraph graph;
  private final DreamOptions options;
  private final int b;
  private final int zs;
  private final int as;
  private final int hs;
  private final int k;
  private final int out;
  private final float[] h;
  private final float[] c;
  private final float[] y;
  private final float[] zIn;
  private final float[] aIn;
  private final RowRandom[] rng;
  private final LatentSampler sampler;
  private final ThreadLocal<LatentSampler.Scratch> samplerScratch;
  private final double logDoneWeight;
  private final LatentRange halt;

  /** Batch size from which rows are processed on all cores. */
  static final int PARALLEL_FROM_BATCH = 32;

  /**
   * Batch size below which the Java cell splits each row's columns over two cores ({@link
   * TwoCoreCell}), where a machine has them; from it on, whole rows go to the cores.
   */
  static final int TWO_CORES_BELOW_BATCH = PARALLEL_FROM_BATCH;

  private final ThreadLocal<MdnRnnCell.Workspace> scratch;

  /**
   * The LSTM state in TensorFlow, or null on the Java cell; {@link #h} and {@link #c} then copy it
   * only on demand.
   */
  private final StepState graphState;

  /** The two-core cell, or null where rows run one at a time or in parallel. */
  private final TwoCoreCell twoCores;

  private final BooleanSupplier ownerOpen;
  private boolean stepped;
  private boolean closed;

  BatchedDream(
      MdnRnnConfig config,
      MdnRnnCell cell,
      Supplier<StepGraph> graph,
      DreamOptions options,
      BooleanSupplier ownerOpen) {
    this.ownerOpen = ownerOpen;
    this.config = config;
    this.cell = cell;
    this.options = options;
    this.graph = options.usesTensorFlow() ? graph.get() : null;
    this.b = options.batchSize();
    this.zs = config.zSize();
    this.as = config.actionSize();
    this.hs = config.hidden();
    this.k = config.mixtures();
    this.out = config.outputSize();
    this.h = new float[b * hs];
    this.c = new float[b * hs];
    this.y = new float[b * out];
    this.zIn = new float[b * zs];
    this.aIn = new float[b * as];
    this.scratch = ThreadLocal.withInitial(cell::newWorkspace);
    this.twoCores =
        this.graph == null && b < TWO_CORES_BELOW_BATCH && TwoCoreCell.usable(TfRuntime.threads())
            ? cell.onTwoCores(b)
            : null;
    this.rng = new RowRandom[b];
    for (int r = 0; r < b; r++) {
      rng[r] = RowRandom.of(options.seed(), r);
    }
    this.sampler =
        new LatentSampler(zs, config.mixtures(), config.family(), config.sigma(), options);
    this.samplerScratch = ThreadLocal.withInitial(sampler::newScratch);
    this.logDoneWeight = Math.log(config.donePositiveWeight());
    this.halt = options.haltOutside();
    Check.argument(
        halt == null || halt.size() == zs,
        "haltOutside range has "
            + (halt == null ? 0 : halt.size())
            + " dimensions; the model's"
            + " latent has "
            + zs);
    // Last: it holds native memory, which a failed check above would leak.
    this.graphState = this.graph == null ? null : this.graph.newState(b);
  }

  private void ensureOpen() {
    Check.state(!closed, "DreamEnv is closed");
    Check.state(
        ownerOpen.getAsBoolean(), "the WorldModel of this DreamEnv is closed; open a new one");
  }

  @Override
  public int batchSize() {
    return b;
  }

  @Override
  public int zSize() {
    return zs;
  }

  @Override
  public int actionSize() {
    return as;
  }

  @Override
  public void reset(float[][] z0) {
    ensureOpen();
    checkMatrix("z0", z0, b, zs);
    Arrays.fill(h, 0f);
    Arrays.fill(c, 0f);
    if (graphState != null) {
      graphState.zero();
    }
    stepped = false;
  }

  @Override
  public void reset(int[] rows, float[][] z0) {
    ensureOpen();
    checkRows(rows);
    checkMatrix("z0", z0, rows.length, zs);
    for (int r : rows) {
      Arrays.fill(h, r * hs, (r + 1) * hs, 0f);
      Arrays.fill(c, r * hs, (r + 1) * hs, 0f);
      if (graphState != null) {
        graphState.zero(r);
      }
    }
  }

  @Override
  public void reset(int[] rows, long[] rowIds, float[][] z0) {
    Check.argument(
        rowIds.length == rows.length,
        "rowIds has " + rowIds.length + " entries for " + rows.length + " rows");
    reset(rows, z0);
    for (int i = 0; i < rows.length; i++) {
      rng[rows[i]] = RowRandom.of(options.seed(), rowIds[i]);
    }
  }

  @Override
  public void condition(int[] rows, long[] rowIds, float[][][] zPrefix, float[][][] aPrefix) {
    ensureOpen();
    checkRows(rows);
    int n = rows.length;
    Check.argument(
        rowIds.length == n && zPrefix.length == n && aPrefix.length == n,
        "rowIds, zPrefix and aPrefix have "
            + rowIds.length
            + ", "
            + zPrefix.length
            + " and "
            + aPrefix.length
            + " entries; expected one per row ("
            + n
            + ")");
    int steps = n == 0 ? 0 : zPrefix[0].length;
    // Everything is checked before any row changes, as step promises.
    float[] zs2 = new float[n * steps * zs];
    float[] as2 = new float[n * steps * as];
    for (int i = 0; i < n; i++) {
      String zName = "zPrefix[" + i + "]";
      String aName = "aPrefix[" + i + "]";
      checkMatrix(zName, zPrefix[i], steps, zs);
      checkMatrix(aName, aPrefix[i], steps, as);
      checkLimit(zName, zPrefix[i]);
      checkLimit(aName, aPrefix[i]);
      for (int t = 0; t < steps; t++) {
        // Step-major, so step t of all n rows is one contiguous [n, Z] block for the graph.
        System.arraycopy(zPrefix[i][t], 0, zs2, (t * n + i) * zs, zs);
        System.arraycopy(aPrefix[i][t], 0, as2, (t * n + i) * as, as);
      }
    }
    reset(rows, rowIds, new float[n][zs]);
    if (steps == 0) {
      return;
    }
    if (graph != null) {
      conditionOnGraph(rows, steps, zs2, as2);
    } else {
      float[] yRow = new float[out];
      MdnRnnCell.Workspace gates = scratch.get();
      for (int i = 0; i < n; i++) {
        for (int t = 0; t < steps; t++) {
          cell.step(
              zs2, (t * n + i) * zs, as2, (t * n + i) * as, h, c, rows[i] * hs, yRow, 0, gates);
        }
      }
    }
  }

  /**
   * Feeds the prefixes through the step graph for the conditioned rows alone (a batch of {@code
   * n}), then writes their final states into {@link #graphState}; the other rows are not touched.
   */
  private void conditionOnGraph(int[] rows, int steps, float[] zAll, float[] aAll) {
    int n = rows.length;
    float[] hSub = new float[n * hs];
    float[] cSub = new float[n * hs];
    float[] ySub = new float[n * out];
    for (int t = 0; t < steps; t++) {
      graph.step(
          n,
          Arrays.copyOfRange(zAll, t * n * zs, (t + 1) * n * zs),
          Arrays.copyOfRange(aAll, t * n * as, (t + 1) * n * as),
          hSub,
          cSub,
          ySub);
    }
    for (int i = 0; i < n; i++) {
      graphState.setRow(rows[i], hSub, cSub, i * hs);
    }
  }

  @Override
  public DreamStep step(float[][] z, float[][] action) {
    ensureOpen();
    if (!copied(z, zs, zIn) || !copied(action, as, aIn)) {
      // Something is wrong: the checks in their order, for the first bad value's message.
      checkMatrix("z", z, b, zs);
      checkMatrix("action", action, b, as);
      checkLimit("z", z);
      checkLimit("action", action);
    }
    if (graph != null) {
      graph.advance(graphState, zIn, aIn);
    } else if (twoCores != null) {
      twoCores.step(b, zIn, aIn, h, c, y);
    } else {
      chunks(
          (from, to) -> {
            MdnRnnCell.Workspace gates = scratch.get();
            for (int r = from; r < to; r++) {
              cell.step(zIn, r * zs, aIn, r * as, h, c, r * hs, y, r * out, gates);
            }
          });
    }
    stepped = true;
    float[][] next = new float[b][];
    float[] reward = new float[b];
    boolean[] done = new boolean[b];
    chunks(
        (from, to) -> {
          if (graph != null) {
            graphState.readOutput(from, to, y);
          }
          LatentSampler.Scratch s = samplerScratch.get();
          for (int r = from; r < to; r++) {
            next[r] = sampleRow(r, s, reward, done);
          }
        });
    return new DreamStep(next, reward, done);
  }

  /** Draws row {@code r}'s next latent, and sets its reward and done. */
  private float[] sampleRow(int r, LatentSampler.Scratch s, float[] reward, boolean[] done) {
    int base = r * out;
    float[] zr = new float[zs];
    sampler.sample(y, base, rng[r], zr, s);
    if (config.rewardHead()) {
      reward[r] = y[base + config.rewardColumn()];
    }
    if (config.doneHead()) {
      // The done loss weights terminal steps by w, which multiplies the fitted odds by w;
      // dividing them back out (logit - ln w) gives the calibrated probability.
      double p = 1 / (1 + Math.exp(-(y[base + config.doneColumn()] - logDoneWeight)));
      done[r] =
          options.doneMode() == DoneMode.SAMPLE
              ? rng[r].nextDouble() < p
              : p > options.doneThreshold();
    }
    if (halt != null && !halt.contains(zr)) {
      done[r] = true;
    }
    return zr;
  }

  /**
   * Rows a sampling chunk holds at most: their head outputs (about 120 KB at World Models' sizes)
   * stay in a core's cache between their copy from TensorFlow and their sampling.
   */
  static final int CHUNK_ROWS = 64;

  /** What a chunk of rows {@code [from, to)} does. */
  private interface Chunk {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} for consecutive chunks of rows covering the batch, on all cores from {@link
   * #PARALLEL_FROM_BATCH} rows on ({@link ClaimedChunks}; at least 8 chunks there). Rows touch only
   * their own slices and their own random streams, so the result does not depend on the thread
   * count, the chunks or the order.
   */
  private void chunks(Chunk body) {
    if (b < PARALLEL_FROM_BATCH) {
      body.run(0, b);
      return;
    }
    int size = Math.min(CHUNK_ROWS, b / 8);
    ClaimedChunks.run((b + size - 1) / size, i -> body.run(i * size, Math.min(b, (i + 1) * size)));
  }

  @Override
  public float[][] hidden() {
    ensureOpen();
    syncState();
    float[][] out2 = new float[b][hs];
    for (int r = 0; r < b; r++) {
      System.arraycopy(h, r * hs, out2[r], 0, hs);
    }
    return out2;
  }

  @Override
  public double[] logLikelihood(float[][] zNext) {
    ensureOpen();
    Check.state(stepped, "logLikelihood needs a step first: it scores the last step's prediction");
    checkMatrix("zNext", zNext, b, zs);
    double[] ll = new double[b];
    for (int r = 0; r < b; r++) {
      for (int d = 0; d < zs; d++) {
        ll[r] += sampler.mixture(y, r * out + d * 3 * k).logDensity(zNext[r][d]);
      }
    }
    return ll;
  }

  @Override
  public DreamState snapshot() {
    ensureOpen();
    syncState();
    long[] states = new long[b];
    for (int r = 0; r < b; r++) {
      states[r] = rng[r].state();
    }
    return new DreamState(h, c, states, y, stepped);
  }

  @Override
  public void restore(DreamState s) {
    ensureOpen();
    Check.argument(
        s.h().length == h.length && s.y().length == y.length && s.rng().length == b,
        "snapshot of a dream with another shape (batch, hidden or head size)");
    System.arraycopy(s.h(), 0, h, 0, h.length);
    System.arraycopy(s.c(), 0, c, 0, c.length);
    System.arraycopy(s.y(), 0, y, 0, y.length);
    if (graphState != null) {
      graphState.set(h, c);
    }
    long[] states = s.rng();
    for (int r = 0; r < b; r++) {
      rng[r] = RowRandom.fromState(states[r]);
    }
    stepped = s.stepped();
  }

  /** Brings {@link #h} and {@link #c} up to date with the state in TensorFlow. */
  private void syncState() {
    if (graphState != null) {
      graphState.read(h, c);
    }
  }

  private void checkRows(int[] rows) {
    for (int r : rows) {
      if (r < 0 || r >= b) {
        throw new IllegalArgumentException("row " + r + " is outside the batch [0, " + b + ")");
      }
    }
  }

  /**
   * Copies {@code m} {@code [B, cols]} into {@code flat} in one pass, and says whether every row
   * had {@code cols} values, each within the cell's {@link MdnRnnCell#inputLimit()} (so finite). At
   * 4096 rows this took half the time of the checks and the copy as separate passes.
   */
  private boolean copied(float[][] m, int cols, float[] flat) {
    if (m == null || m.length != b) {
      return false;
    }
    // No larger than the largest float, so that infinities fail too where the limit is infinite.
    double limit = Math.min(cell.inputLimit(), Float.MAX_VALUE);
    boolean ok = true;
    for (int r = 0; r < b; r++) {
      float[] row = m[r];
      if (row == null || row.length != cols) {
        return false;
      }
      int at = r * cols;
      for (int j = 0; j < cols; j++) {
        float v = row[j];
        // NaN fails the comparison too.
        ok &= Math.abs(v) <= limit;
        flat[at + j] = v;
      }
    }
    return ok;
  }

  /** Refuses values beyond the cell's {@link MdnRnnCell#inputLimit()} (checked finite before). */
  private void checkLimit(String name, float[][] m) {
    double limit = cell.inputLimit();
    for (int r = 0; r < m.length; r++) {
      for (int j = 0; j < m[r].length; j++) {
        if (Math.abs(m[r][j]) > limit) {
          throw new IllegalArgumentException(
              name
                  + "["
                  + r
                  + "]["
                  + j
                  + "] is "
                  + m[r][j]
                  + "; this model's LSTM overflows float32 beyond |value| "
                  + (float) limit);
        }
      }
    }
  }

  private static void checkMatrix(String name, float[][] m, int rows, int cols) {
    if (m == null || m.length != rows) {
      throw new IllegalArgumentException(
          name + " has " + (m == null ? "no" : m.length) + " rows; expected " + rows);
    }
    for (int r = 0; r < rows; r++) {
      if (m[r] == null || m[r].length != cols) {
        throw new IllegalArgumentException(
            name
                + "["
                + r
                + "] has "
                + (m[r] == null ? "no" : m[r].length)
                + " values; expected "
                + cols);
      }
      for (int j = 0; j < cols; j++) {
        if (!Float.isFinite(m[r][j])) {
          throw new IllegalArgumentException(
              name + "[" + r + "][" + j + "] is " + m[r][j] + "; expected a finite value");
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true; // the step graph belongs to the WorldModel
    if (graphState != null) {
      graphState.close();
    }
    if (twoCores != null) {
      twoCores.close();
    }
  }
}
