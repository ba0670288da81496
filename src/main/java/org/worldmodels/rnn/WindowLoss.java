package org.worldmodels.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.worldmodels.util.Check;

/**
 * The head and the loss of a window, built chunk by chunk over the LSTM's outputs, and for training
 * their gradients (TensorFlow's) with respect to the head's weights and each step's LSTM output.
 *
 * <p>Loss = mixture NLL averaged over valid steps and latent dimensions + reward squared error and
 * weighted done cross-entropy, each averaged over valid steps (masked steps contribute nothing).
 *
 * <p>For training, the head of each chunk is differentiated in parts of a few steps: TensorFlow
 * differentiates a part's loss with respect to the head's two products (per row, that is the
 * gradient of the whole loss), and the products' own gradients are written here as TensorFlow
 * writes them: each part's {@code dOutput} is one product, the head's weight gradients one product
 * and one sum per chunk over all its parts' rows. So the parts change the order in which the head
 * is computed, not its sums; a part waits for the gradients of the part {@code inFlight} before it
 * (control dependencies), which bounds how many parts' head intermediates are alive at a time;
 * where {@code inFlight > 1} the window's last part, which the backward recursion needs first,
 * waits for none (so up to {@code inFlight + 1} are alive). The chunks' head weight gradients are
 * summed.
 *
 * @param nllSum mixture NLL summed over valid steps and dimensions
 * @param rewardLoss reward squared error per valid step (0 without the head)
 * @param doneLoss done cross-entropy per valid step (0 without the head)
 * @param loss the total loss
 * @param dOutput loss gradient with respect to each step's LSTM output {@code [B, H]}, in step
 *     order (empty unless differentiated)
 * @param dHeadKernel loss gradient with respect to the head kernel (null unless differentiated)
 * @param dHeadBias loss gradient with respect to the head bias (null unless differentiated)
 */
record WindowLoss(
    Operand<TFloat32> nllSum,
    Operand<TFloat32> rewardLoss,
    Operand<TFloat32> doneLoss,
    Operand<TFloat32> loss,
    List<Operand<TFloat32>> dOutput,
    Operand<TFloat32> dHeadKernel,
    Operand<TFloat32> dHeadBias) {

  /** Steps per head part where parts pay (see {@link #headPart}). */
  static final int HEAD_PART_STEPS = 12;

  /**
   * Steps per head part for training in chunks of {@code chunk} steps with two ops at a time. The
   * backward recursion can only start once the last steps' head is differentiated, and the head of
   * earlier steps can run beside the forward recursion; so where the head is costly its parts are
   * short. Measured on 2 cores (docs/performance.md), together with the NLL's layout change ({@code
   * MdnHead}): with heads of width 3Kz = 480 (z 32) and 240 (z 16) against an LSTM of 64 or 128 at
   * batch 64, parts of 8 or 12 steps gave 5-17% shorter steps; at World Models' LSTM of 256 the
   * step is level; at batch 25 parts of 8 cost more ops than they saved and parts of 12 did not.
   * With the state recipes' narrow heads (60, 45 and 90 against 128, 64 and 128) parts cost more
   * than they saved, so there the part is the whole chunk. Where two ops run at a time, whole-chunk
   * parts too may have two chunks' heads alive at once.
   *
   * <p>With a batch that is a multiple of 8 (every recipe's) parts give the same bits as whole
   * chunks. With another batch some parts' tensors end in fewer than 8 floats, which TensorFlow's
   * kernels compute with scalar code whose {@code exp} and {@code log} can differ from the packet
   * code in the last bit: the result then differs from whole chunks in the last places (and is
   * still the same from run to run).
   */
  static int headPart(MdnRnnConfig config, int chunk) {
    return config.head().width() >= config.hidden() ? Math.min(chunk, HEAD_PART_STEPS) : chunk;
  }

  /** The LSTM's outputs, {@link LstmSequence#outputs} (tests give fixed ones). */
  @FunctionalInterface
  interface StepOutputs {
    /** The outputs of steps {@code [from, from + len)} stacked, {@code [len, B, H]}. */
    Operand<TFloat32> outputs(Ops tf, int from, int len);
  }

  /** The window's targets, time-major: {@code zNext [T, B, Z]}, the others {@code [T, B]}. */
  record Targets(
      Operand<TFloat32> zNext,
      Operand<TFloat32> reward,
      Operand<TFloat32> done,
      Operand<TFloat32> mask) {}

  /**
   * The head's two products on some steps' rows, {@code mix} {@code [rows, W]} (the mixture
   * columns) and {@code extra} {@code [rows, O - W]} (reward and done; null without them), and each
   * row's masked loss terms {@code [rows]}: mixture NLL summed over the latent, reward squared
   * error and done cross-entropy (null for a head the config does not have).
   */
  private record HeadRows(
      Operand<TFloat32> mix,
      Operand<TFloat32> extra,
      Operand<TFloat32> nll,
      Operand<TFloat32> reward,
      Operand<TFloat32> done) {}

  /**
   * Builds the head and the loss on the LSTM's outputs over {@code seqLen} steps in chunks of
   * {@code chunk} steps.
   *
   * @param part steps per head part when differentiating (at most {@code chunk}; see the class
   *     comment)
   * @param inFlight how many parts' heads may be alive at a time: part {@code k}'s head waits for
   *     part {@code k - inFlight}'s gradients (bounds the memory of the heads), but for the
   *     window's last part where {@code inFlight > 1}
   * @param headKernel {@code [H, O]}
   * @param headBias {@code [O]}
   * @param differentiate whether to add the gradients
   */
  static WindowLoss build(
      Ops tf,
      MdnRnnConfig config,
      int seqLen,
      StepOutputs lstm,
      int chunk,
      int part,
      int inFlight,
      Operand<TFloat32> headKernel,
      Operand<TFloat32> headBias,
      Targets targets,
      boolean differentiate) {
    Check.inRange("head part", part, 1, chunk);
    Check.inRange("head parts in flight", inFlight, 1, Integer.MAX_VALUE);
    Operand<TFloat32> valid =
        tf.math.maximum(
            tf.reduceSum(targets.mask(), tf.constant(new int[] {0, 1})), tf.constant(1f));
    Operand<TFloat32> nllScale = tf.math.mul(valid, tf.constant((float) config.zSize()));

    // The mixture columns and the reward and done columns as separate products: slicing them out
    // of one [T*B, O] product (and padding their gradients back) cost more.
    int mixWidth = config.head().width();
    int extra = config.outputSize() - mixWidth;
    Operand<TFloat32> mixK = headKernel;
    Operand<TFloat32> mixB = headBias;
    Operand<TFloat32> extraK = null;
    Operand<TFloat32> extraB = null;
    if (extra > 0) {
      Operand<TInt32> sizes = tf.constant(new int[] {mixWidth, extra});
      List<Output<TFloat32>> k = tf.splitV(headKernel, sizes, tf.constant(1), 2L).output();
      List<Output<TFloat32>> b = tf.splitV(headBias, sizes, tf.constant(0), 2L).output();
      mixK = k.get(0);
      extraK = k.get(1);
      mixB = b.get(0);
      extraB = b.get(1);
    }

    List<Operand<TFloat32>> nllSums = new ArrayList<>();
    List<Operand<TFloat32>> rewardSums = new ArrayList<>();
    List<Operand<TFloat32>> doneSums = new ArrayList<>();
    List<Operand<TFloat32>> dOutput = new ArrayList<>();
    List<Operand<TFloat32>> dHeadK = new ArrayList<>();
    List<Operand<TFloat32>> dHeadB = new ArrayList<>();
    // partEnds.get(k): the ops that end part k's head (its gradients); part k + inFlight waits for
    // them
    List<List<Op>> partEnds = new ArrayList<>();
    for (int from = 0; from < seqLen; from += chunk) {
      int len = Math.min(chunk, seqLen - from);
      List<HeadRows> rows = new ArrayList<>();
      List<Operand<TFloat32>> hFlats = new ArrayList<>();
      List<Operand<TFloat32>> dMix = new ArrayList<>();
      List<Operand<TFloat32>> dExtra = new ArrayList<>();
      // Parts of as equal a length as can be, each at most part steps.
      int parts = differentiate ? (len + part - 1) / part : 1;
      for (int k = 0, at = from; k < parts; k++) {
        int n = len / parts + (k < len % parts ? 1 : 0);
        // The backward recursion starts from the window's last part, which only the end of the
        // forward recursion makes ready: where parts run beside each other it waits for none.
        boolean lastOfWindow = from + len == seqLen && k == parts - 1;
        int waitFor = lastOfWindow && inFlight > 1 ? -1 : partEnds.size() - inFlight;
        Ops scope = waitFor < 0 ? tf : tf.withControlDependencies(partEnds.get(waitFor));
        Operand<TFloat32> hFlat =
            tf.reshape(lstm.outputs(scope, at, n), tf.constant(new int[] {-1, config.hidden()}));
        HeadRows r = headRows(tf, config, hFlat, mixK, mixB, extraK, extraB, targets, at, n);
        rows.add(r);
        hFlats.add(hFlat);
        if (differentiate) {
          // The part's loss has the window's scale, so its gradient at each row is that row's
          // gradient of the whole loss.
          Operand<TFloat32> partLoss =
              loss(tf, sum(tf, r.nll()), sum(tf, r.reward()), sum(tf, r.done()), nllScale, valid);
          Gradients g =
              tf.gradients(
                  partLoss, r.extra() == null ? List.of(r.mix()) : List.of(r.mix(), r.extra()));
          Operand<TFloat32> dm = cast(g.dy(0));
          // As TensorFlow's gradient of the products: the same ops, the same bits.
          Operand<TFloat32> dh = tf.linalg.matMul(dm, mixK, MatMul.transposeB(true));
          dMix.add(dm);
          if (r.extra() != null) {
            Operand<TFloat32> de = cast(g.dy(1));
            dh = tf.math.addN(List.of(dh, tf.linalg.matMul(de, extraK, MatMul.transposeB(true))));
            dExtra.add(de);
          }
          dOutput.addAll(
              tf.unstack(tf.reshape(dh, tf.constant(new int[] {n, -1, config.hidden()})), (long) n)
                  .output());
          partEnds.add(new ArrayList<>(List.<Op>of(dh)));
        }
        at += n;
      }
      nllSums.add(chunkSum(tf, rows, HeadRows::nll));
      rewardSums.add(chunkSum(tf, rows, HeadRows::reward));
      doneSums.add(chunkSum(tf, rows, HeadRows::done));
      if (differentiate) {
        // The weight gradients over the whole chunk, as TensorFlow's gradient of the chunk's loss
        // sums them (one product and one bias sum per chunk, whatever the parts).
        Operand<TFloat32> hFlat = concat(tf, hFlats, 0);
        Operand<TFloat32> dm = concat(tf, dMix, 0);
        Operand<TFloat32> dk = tf.linalg.matMul(hFlat, dm, MatMul.transposeA(true));
        Operand<TFloat32> db = tf.reduceSum(dm, tf.constant(new int[] {0}));
        if (extraK != null) {
          Operand<TFloat32> de = concat(tf, dExtra, 0);
          dk =
              tf.concat(
                  List.of(dk, tf.linalg.matMul(hFlat, de, MatMul.transposeA(true))),
                  tf.constant(1));
          db = tf.concat(List.of(db, tf.reduceSum(de, tf.constant(new int[] {0}))), tf.constant(0));
        }
        dHeadK.add(dk);
        dHeadB.add(db);
        partEnds.get(partEnds.size() - 1).addAll(List.<Op>of(dk, db));
      }
    }
    Operand<TFloat32> nllSum = total(tf, nllSums);
    Operand<TFloat32> rewardLoss =
        config.rewardHead() ? tf.math.div(total(tf, rewardSums), valid) : tf.constant(0f);
    Operand<TFloat32> doneLoss =
        config.doneHead() ? tf.math.div(total(tf, doneSums), valid) : tf.constant(0f);
    Operand<TFloat32> loss =
        tf.math.add(tf.math.add(tf.math.div(nllSum, nllScale), rewardLoss), doneLoss);
    return new WindowLoss(
        nllSum,
        rewardLoss,
        doneLoss,
        loss,
        List.copyOf(dOutput),
        differentiate ? total(tf, dHeadK) : null,
        differentiate ? total(tf, dHeadB) : null);
  }

  /**
   * The head on LSTM outputs {@code hFlat} {@code [len * B, H]} of steps {@code [from, from +
   * len)}, and each row's masked loss terms. The head's weights come as the mixture columns and the
   * other columns (null if none).
   */
  private static HeadRows headRows(
      Ops tf,
      MdnRnnConfig config,
      Operand<TFloat32> hFlat,
      Operand<TFloat32> mixK,
      Operand<TFloat32> mixB,
      Operand<TFloat32> extraK,
      Operand<TFloat32> extraB,
      Targets targets,
      int from,
      int len) {
    int zs = config.zSize();
    Operand<TInt32> flat = tf.constant(new int[] {-1});
    Operand<TFloat32> mixRaw = tf.math.add(tf.linalg.matMul(hFlat, mixK), mixB);
    Operand<TFloat32> y =
        extraK == null ? null : tf.math.add(tf.linalg.matMul(hFlat, extraK), extraB);
    int base = config.head().width();
    Operand<TFloat32> target =
        tf.reshape(
            LstmSequence.timeSlice(tf, targets.zNext(), from, len),
            tf.constant(new int[] {-1, zs}));
    Operand<TFloat32> nll = config.head().negLogLikelihood(tf, mixRaw, target); // [len*B, Z]
    Operand<TFloat32> m = tf.reshape(LstmSequence.timeSlice(tf, targets.mask(), from, len), flat);
    Operand<TFloat32> nllRows = tf.math.mul(sum(tf, nll, 1), m);
    Operand<TFloat32> rewardRows = null;
    if (config.rewardHead()) {
      Operand<TFloat32> pred = column(tf, y, config.rewardColumn() - base);
      Operand<TFloat32> r =
          tf.reshape(LstmSequence.timeSlice(tf, targets.reward(), from, len), flat);
      rewardRows = tf.math.mul(tf.math.square(tf.math.sub(pred, r)), m);
    }
    Operand<TFloat32> doneRows = null;
    if (config.doneHead()) {
      Operand<TFloat32> logit = column(tf, y, config.doneColumn() - base);
      Operand<TFloat32> d = tf.reshape(LstmSequence.timeSlice(tf, targets.done(), from, len), flat);
      // -(w d log sigmoid(l) + (1 - d) log(1 - sigmoid(l))) = w d softplus(-l) + (1 - d)
      // softplus(l)
      Operand<TFloat32> bce =
          tf.math.add(
              tf.math.mul(
                  tf.math.mul(tf.constant((float) config.donePositiveWeight()), d),
                  tf.math.softplus(tf.math.neg(logit))),
              tf.math.mul(tf.math.sub(tf.constant(1f), d), tf.math.softplus(logit)));
      doneRows = tf.math.mul(bce, m);
    }
    return new HeadRows(mixRaw, y, nllRows, rewardRows, doneRows);
  }

  /** The loss from masked sums: NLL per valid step and dimension plus the heads' per valid step. */
  private static Operand<TFloat32> loss(
      Ops tf,
      Operand<TFloat32> nllSum,
      Operand<TFloat32> rewardSum,
      Operand<TFloat32> doneSum,
      Operand<TFloat32> nllScale,
      Operand<TFloat32> valid) {
    return tf.math.add(
        tf.math.add(tf.math.div(nllSum, nllScale), tf.math.div(rewardSum, valid)),
        tf.math.div(doneSum, valid));
  }

  /**
   * The sum over a chunk's rows of one loss term (each part's {@code [rows]}, or null for a head
   * the config does not have: then 0), over all its parts' rows at once as for a whole chunk.
   */
  private static Operand<TFloat32> chunkSum(
      Ops tf, List<HeadRows> parts, Function<HeadRows, Operand<TFloat32>> term) {
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (HeadRows p : parts) {
      rows.add(term.apply(p));
    }
    return rows.get(0) == null ? tf.constant(0f) : sum(tf, concat(tf, rows, 0));
  }

  /** The rows of {@code parts} one after another along {@code axis} (the part itself if one). */
  private static Operand<TFloat32> concat(Ops tf, List<Operand<TFloat32>> parts, int axis) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(axis));
  }

  /** The sum of {@code parts} (the one part itself when there is one). */
  private static Operand<TFloat32> total(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> v) {
    return v == null ? tf.constant(0f) : tf.reduceSum(v, tf.constant(0));
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> v, int axis) {
    return tf.reduceSum(v, tf.constant(axis));
  }

  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> y, int col) {
    return tf.reshape(
        tf.slice(y, tf.constant(new int[] {0, col}), tf.constant(new int[] {-1, 1})),
        tf.constant(new int[] {-1}));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }
}
