package org.worldmodels.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.AdamGraph;
import org.worldmodels.tf.Param;
import org.worldmodels.tf.ParamSet;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Check;

/**
 * The MDN-RNN over a window of {@code T} steps, unrolled in the graph (gradients through TensorFlow
 * Java's while loop abort the JVM), time-major, with the loss and, for training, our own Adam. The
 * input projection and the head are applied to a chunk of 25 to 100 steps in one matrix product
 * each (for training, a wide head in parts of a few steps: {@link WindowLoss#headPart}); only the
 * recurrent product runs per step.
 *
 * <p>Training gradients: TensorFlow differentiates the head and the loss ({@link WindowLoss}), part
 * by part, with respect to each step's LSTM output and the head's weights; the LSTM's backward pass
 * is written by hand ({@link LstmSequence#gradients}), a few ops per step instead of TensorFlow's
 * automatic gradient of the unrolled cell. Long windows' memory holds the LSTM's per-step values
 * and one chunk's head, not the whole window's head.
 *
 * <p>Feeds are time-major flat arrays: {@code z}, {@code zNext} {@code [T, B, Z]}, {@code action}
 * {@code [T, B, A]}, {@code reward}, {@code done}, {@code mask} {@code [T, B]}, initial state
 * {@code h0}, {@code c0} {@code [B, H]}. The batch size may change between runs.
 *
 * <p>Loss = mixture NLL averaged over valid steps and latent dimensions + reward squared error and
 * weighted done cross-entropy, each averaged over valid steps.
 *
 * <p>Not thread-safe: {@link #trainStep} updates the weights and optimizer state in place, and the
 * figures of a step read them; use one graph from one thread at a time (a trainer owns its graph).
 * Separate graphs are independent.
 */
public final class SequenceGraph implements AutoCloseable {
  /**
   * Windows up to this many steps run up to two ops at a time: one chunk's head or weight-gradient
   * product beside the recursion of another, 10-15% less time per step on 2 cores (the results do
   * not depend on it). Longer windows run one op at a time: with two threads, glibc's per-thread
   * arenas kept the many small per-step buffers apart, and a 1000-step window's peak RSS rose from
   * 1.65 GB to 2.1-2.3 GB for 5-8% less time.
   */
  static final int MAX_PARALLEL_SEQ_LEN = 250;

  /** Inter-op threads of a window of {@code seqLen} steps (see {@link #MAX_PARALLEL_SEQ_LEN}). */
  static int interOpThreads(int seqLen) {
    return seqLen <= MAX_PARALLEL_SEQ_LEN ? 2 : 1;
  }

  private final MdnRnnConfig config;
  private final int seqLen;
  private final Graph graph;
  private final Session session;
  private final ParamSet params;
  private final AdamGraph adam;
  private final Placeholder<TFloat32> z;
  private final Placeholder<TFloat32> action;
  private final Placeholder<TFloat32> zNext;
  private final Placeholder<TFloat32> reward;
  private final Placeholder<TFloat32> done;
  private final Placeholder<TFloat32> mask;
  private final Placeholder<TFloat32> h0;
  private final Placeholder<TFloat32> c0;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> nllSum;
  private final Operand<TFloat32> rewardLoss;
  private final Operand<TFloat32> doneLoss;
  private final Operand<TFloat32> hLast;
  private final Operand<TFloat32> cLast;
  private boolean closed;

  /**
   * Figures of one training step, computed before the update.
   *
   * @param loss total loss
   * @param mixtureNll mixture NLL per valid step and dimension, nats
   * @param rewardLoss reward squared error per valid step (0 without the head)
   * @param doneLoss done cross-entropy per valid step (0 without the head)
   * @param gradNorm global gradient norm before clipping
   * @param applied whether the update was applied (loss and gradients finite)
   */
  public record StepFigures(
      double loss,
      double mixtureNll,
      double rewardLoss,
      double doneLoss,
      double gradNorm,
      boolean applied) {}

  /**
   * Sums over a window for evaluation, and the state after it.
   *
   * @param nllSum sum of mixture NLL over valid steps and dimensions
   * @param h LSTM output state after the window {@code [B, H]}
   * @param c LSTM cell state after the window {@code [B, H]}
   */
  public record EvalSums(double nllSum, float[] h, float[] c) {}

  private SequenceGraph(
      MdnRnnConfig config,
      int seqLen,
      MdnRnnWeights weights,
      AdamConfig adamConfig,
      Map<String, float[]> slots,
      int chunk,
      int part,
      int intraOpThreads) {
    this.config = config;
    this.seqLen = Check.inRange("seq_len", seqLen, 1, 100_000);
    this.graph = new Graph();
    int interOp = interOpThreads(seqLen);
    try {
      Ops tf = Ops.create(graph);
      int zs = config.zSize();
      int as = config.actionSize();
      int hs = config.hidden();
      z = ph(tf, "z", Shape.of(seqLen, -1, zs));
      action = ph(tf, "action", Shape.of(seqLen, -1, as));
      zNext = ph(tf, "z_next", Shape.of(seqLen, -1, zs));
      reward = ph(tf, "reward", Shape.of(seqLen, -1));
      done = ph(tf, "done", Shape.of(seqLen, -1));
      mask = ph(tf, "mask", Shape.of(seqLen, -1));
      h0 = ph(tf, "h0", Shape.of(-1, hs));
      c0 = ph(tf, "c0", Shape.of(-1, hs));

      params = new ParamSet();
      int in = config.inputSize();
      int out = config.outputSize();
      Param kernel =
          params.add(
              tf, MdnRnnWeights.LSTM_KERNEL, new int[] {in + hs, 4 * hs}, weights.lstmKernel());
      Param bias = params.add(tf, MdnRnnWeights.LSTM_BIAS, new int[] {4 * hs}, weights.lstmBias());
      Param headK =
          params.add(tf, MdnRnnWeights.HEAD_KERNEL, new int[] {hs, out}, weights.headKernel());
      Param headB = params.add(tf, MdnRnnWeights.HEAD_BIAS, new int[] {out}, weights.headBias());

      Operand<TFloat32> x = as > 0 ? tf.concat(List.of(z, action), tf.constant(2)) : z;
      LstmSequence lstm =
          new LstmSequence(
              tf, seqLen, chunk, in, hs, x, h0, c0, kernel.variable(), bias.variable(), true);
      hLast = tf.identity(lstm.lastOutput());
      cLast = tf.identity(lstm.lastCell());

      WindowLoss w =
          WindowLoss.build(
              tf,
              config,
              seqLen,
              lstm::outputs,
              chunk,
              part,
              // Two parts' heads alive at a time (and the window's last) where two ops run at once,
              // one otherwise.
              interOp > 1 ? 2 : 1,
              headK.variable(),
              headB.variable(),
              new WindowLoss.Targets(zNext, reward, done, mask),
              adamConfig != null);
      nllSum = w.nllSum();
      rewardLoss = w.rewardLoss();
      doneLoss = w.doneLoss();
      loss = w.loss();
      if (adamConfig == null) {
        adam = null;
      } else {
        List<Operand<TFloat32>> dLstm = lstm.gradients(tf, w.dOutput(), interOp > 1);
        List<Operand<TFloat32>> grads =
            List.of(dLstm.get(0), dLstm.get(1), w.dHeadKernel(), w.dHeadBias());
        adam = AdamGraph.build(tf, loss, params.params(), grads, adamConfig, slots);
      }
      session =
          intraOpThreads > 0
              ? TfRuntime.session(graph, interOp, intraOpThreads)
              : TfRuntime.session(graph, interOp);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** A graph for evaluation only. */
  public static SequenceGraph forEval(MdnRnnConfig config, int seqLen, MdnRnnWeights weights) {
    int chunk = LstmSequence.defaultChunk(seqLen);
    return new SequenceGraph(config, seqLen, weights, null, null, chunk, chunk, 0);
  }

  /**
   * A graph for training.
   *
   * @param slots optimizer moments to start from, or null for zeros
   */
  public static SequenceGraph forTraining(
      MdnRnnConfig config,
      int seqLen,
      MdnRnnWeights weights,
      AdamConfig adam,
      Map<String, float[]> slots) {
    return forTrainingWithIntraOpThreads(config, seqLen, weights, adam, slots, 0);
  }

  /**
   * A graph for training that processes the window in chunks of {@code chunk} steps (tests; the
   * default is {@link LstmSequence#defaultChunk}) and the head in parts of at most {@code part}
   * steps. The result is the same up to rounding; the parts change no bit with a batch that is a
   * multiple of 8.
   */
  static SequenceGraph forTraining(
      MdnRnnConfig config,
      int seqLen,
      MdnRnnWeights weights,
      AdamConfig adam,
      Map<String, float[]> slots,
      int chunk,
      int part) {
    return new SequenceGraph(config, seqLen, weights, adam, slots, chunk, part, 0);
  }

  /**
   * A graph for training with the default chunks and parts whose session has {@code intraOpThreads}
   * intra-op threads where sessions own their threads, or the default for 0 (tests: the results do
   * not depend on it).
   */
  static SequenceGraph forTrainingWithIntraOpThreads(
      MdnRnnConfig config,
      int seqLen,
      MdnRnnWeights weights,
      AdamConfig adam,
      Map<String, float[]> slots,
      int intraOpThreads) {
    int chunk = LstmSequence.defaultChunk(seqLen);
    int part = interOpThreads(seqLen) > 1 ? WindowLoss.headPart(config, chunk) : chunk;
    return new SequenceGraph(config, seqLen, weights, adam, slots, chunk, part, intraOpThreads);
  }

  private static Placeholder<TFloat32> ph(Ops tf, String name, Shape shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
  }

  /** The window length {@code T}. */
  public int seqLen() {
    return seqLen;
  }

  /** The configuration. */
  public MdnRnnConfig config() {
    return config;
  }

  private void ensureOpen() {
    Check.state(!closed, "SequenceGraph is closed");
  }

  /** Arrays of one window, time-major; see the class comment for shapes. */
  public record Window(
      int batch,
      float[] z,
      float[] action,
      float[] zNext,
      float[] reward,
      float[] done,
      float[] mask) {}

  /** One Adam update on {@code w} (zero initial state), with bias-corrected {@code stepSize}. */
  public StepFigures trainStep(Window w, float stepSize) {
    ensureOpen();
    Check.state(adam != null, "graph built for evaluation only");
    float[] zeros = new float[w.batch() * config.hidden()];
    try (Feeds f = new Feeds(w, zeros, zeros);
        TFloat32 lr = TFloat32.scalarOf(stepSize)) {
      var runner = f.feed(session.runner()).feed(adam.stepSize(), lr).addTarget(adam.train());
      runner
          .fetch(loss)
          .fetch(nllSum)
          .fetch(rewardLoss)
          .fetch(doneLoss)
          .fetch(adam.gradNorm())
          .fetch(adam.ok());
      try (Result r = runner.run()) {
        double valid = 0;
        for (float v : w.mask()) {
          valid += v;
        }
        double mix = ((TFloat32) r.get(1)).getFloat() / (Math.max(valid, 1) * config.zSize());
        return new StepFigures(
            ((TFloat32) r.get(0)).getFloat(),
            mix,
            ((TFloat32) r.get(2)).getFloat(),
            ((TFloat32) r.get(3)).getFloat(),
            ((TFloat32) r.get(4)).getFloat(),
            ((TBool) r.get(5)).getBoolean());
      }
    }
  }

  /** The loss figures of a window without updating, starting from state {@code (h, c)}. */
  public EvalSums evaluate(Window w, float[] h, float[] c) {
    ensureOpen();
    try (Feeds f = new Feeds(w, h, c);
        Result r = f.feed(session.runner()).fetch(nllSum).fetch(hLast).fetch(cLast).run()) {
      float[] hOut = new float[h.length];
      float[] cOut = new float[c.length];
      ((TFloat32) r.get(1)).copyTo(DataBuffers.of(hOut, false, false));
      ((TFloat32) r.get(2)).copyTo(DataBuffers.of(cOut, false, false));
      return new EvalSums(((TFloat32) r.get(0)).getFloat(), hOut, cOut);
    }
  }

  /** The total loss of a window (zero initial state), for gradient checks. */
  public double loss(Window w) {
    ensureOpen();
    float[] zeros = new float[w.batch() * config.hidden()];
    try (Feeds f = new Feeds(w, zeros, zeros);
        Result r = f.feed(session.runner()).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  /** The loss gradients with respect to each weight array (no update), for gradient checks. */
  public Map<String, float[]> gradients(Window w) {
    ensureOpen();
    Check.state(adam != null, "graph built for evaluation only");
    float[] zeros = new float[w.batch() * config.hidden()];
    try (Feeds f = new Feeds(w, zeros, zeros)) {
      var runner = f.feed(session.runner());
      for (Operand<TFloat32> g : adam.gradients()) {
        runner.fetch(g);
      }
      try (Result r = runner.run()) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.params().size(); i++) {
          var p = params.params().get(i);
          float[] v = new float[p.size()];
          ((TFloat32) r.get(i)).copyTo(DataBuffers.of(v, false, false));
          out.put(p.name(), v);
        }
        return out;
      }
    }
  }

  /** Current weights. */
  public MdnRnnWeights weights() {
    ensureOpen();
    return MdnRnnWeights.fromMap(params.read(session), config, "graph");
  }

  /** Current optimizer moments (empty for an evaluation graph). */
  public Map<String, float[]> optimizerSlots() {
    ensureOpen();
    return adam == null ? Map.of() : adam.slots().read(session);
  }

  /** Tensors of one window, closed together. */
  private final class Feeds implements AutoCloseable {
    private final List<TFloat32> all = new ArrayList<>();
    private final TFloat32 zT;
    private final TFloat32 aT;
    private final TFloat32 nT;
    private final TFloat32 rT;
    private final TFloat32 dT;
    private final TFloat32 mT;
    private final TFloat32 hT;
    private final TFloat32 cT;

    Feeds(Window w, float[] h, float[] c) {
      int b = w.batch();
      int t = seqLen;
      try {
        zT = add(w.z(), Shape.of(t, b, config.zSize()));
        aT = add(w.action(), Shape.of(t, b, config.actionSize()));
        nT = add(w.zNext(), Shape.of(t, b, config.zSize()));
        rT = add(w.reward(), Shape.of(t, b));
        dT = add(w.done(), Shape.of(t, b));
        mT = add(w.mask(), Shape.of(t, b));
        hT = add(h, Shape.of(b, config.hidden()));
        cT = add(c, Shape.of(b, config.hidden()));
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private TFloat32 add(float[] v, Shape s) {
      Check.argument(
          v.length == s.size(), "window array of " + v.length + " values, expected shape " + s);
      TFloat32 t = TFloat32.tensorOf(s, DataBuffers.of(v, true, false));
      all.add(t);
      return t;
    }

    Session.Runner feed(Session.Runner r) {
      return r.feed(z, zT)
          .feed(action, aT)
          .feed(zNext, nT)
          .feed(reward, rT)
          .feed(done, dT)
          .feed(mask, mT)
          .feed(h0, hT)
          .feed(c0, cT);
    }

    @Override
    public void close() {
      for (TFloat32 t : all) {
        t.close();
      }
    }
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
