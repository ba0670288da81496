package org.worldmodels.rnn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The head and the loss of a window, built chunk by chunk over the LSTM's outputs, and for training
 * their gradients (TensorFlow's) with respect to the head's weights and each step's LSTM output.
 *
 * <p>Loss = mixture NLL averaged over valid steps and latent dimensions + reward squared error and
 * weighted done cross-entropy, each averaged over valid steps (masked steps contribute nothing).
 * Each chunk's part of the loss is differentiated before the next chunk's head starts (control
 * dependencies), so only one chunk's head intermediates are alive at a time; the chunks' head
 * weight gradients are summed.
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

  /** The window's targets, time-major: {@code zNext [T, B, Z]}, the others {@code [T, B]}. */
  record Targets(
      Operand<TFloat32> zNext,
      Operand<TFloat32> reward,
      Operand<TFloat32> done,
      Operand<TFloat32> mask) {}

  /** Masked sums of one chunk: mixture NLL, reward squared error and done cross-entropy. */
  private record ChunkSums(
      Operand<TFloat32> nll, Operand<TFloat32> reward, Operand<TFloat32> done) {}

  /**
   * Builds the head and the loss on {@code lstm}'s outputs in chunks of {@code chunk} steps.
   *
   * @param headKernel {@code [H, O]}
   * @param headBias {@code [O]}
   * @param differentiate whether to add the gradients
   */
  static WindowLoss build(
      Ops tf,
      MdnRnnConfig config,
      LstmSequence lstm,
      int chunk,
      Operand<TFloat32> headKernel,
      Operand<TFloat32> headBias,
      Targets targets,
      boolean differentiate) {
    int seqLen = lstm.seqLen();
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
    List<Op> previous = List.of();
    for (int from = 0; from < seqLen; from += chunk) {
      int len = Math.min(chunk, seqLen - from);
      Ops scope = previous.isEmpty() ? tf : tf.withControlDependencies(previous);
      Operand<TFloat32> hChunk = lstm.outputs(scope, from, len);
      ChunkSums c = chunkSums(tf, config, hChunk, mixK, mixB, extraK, extraB, targets, from, len);
      nllSums.add(c.nll());
      rewardSums.add(c.reward());
      doneSums.add(c.done());
      if (differentiate) {
        Operand<TFloat32> chunkLoss =
            tf.math.add(
                tf.math.add(tf.math.div(c.nll(), nllScale), tf.math.div(c.reward(), valid)),
                tf.math.div(c.done(), valid));
        Gradients g = tf.gradients(chunkLoss, List.of(hChunk, headKernel, headBias));
        dOutput.addAll(tf.unstack(cast(g.dy(0)), (long) len).output());
        dHeadK.add(cast(g.dy(1)));
        dHeadB.add(cast(g.dy(2)));
        previous = List.of(g.dy(0), g.dy(1), g.dy(2));
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
   * The head on LSTM outputs {@code hChunk} {@code [len, B, H]} of steps {@code [from, from +
   * len)}, and the chunk's masked loss sums (zero for a head the config does not have). The head's
   * weights come as the mixture columns and the other columns (null if none).
   */
  private static ChunkSums chunkSums(
      Ops tf,
      MdnRnnConfig config,
      Operand<TFloat32> hChunk,
      Operand<TFloat32> mixK,
      Operand<TFloat32> mixB,
      Operand<TFloat32> extraK,
      Operand<TFloat32> extraB,
      Targets targets,
      int from,
      int len) {
    int zs = config.zSize();
    Operand<TInt32> flat = tf.constant(new int[] {-1});
    Operand<TFloat32> hFlat = tf.reshape(hChunk, tf.constant(new int[] {-1, config.hidden()}));
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
    Operand<TFloat32> nllSum = sum(tf, tf.math.mul(sum(tf, nll, 1), m));
    Operand<TFloat32> rewardSum = tf.constant(0f);
    if (config.rewardHead()) {
      Operand<TFloat32> pred = column(tf, y, config.rewardColumn() - base);
      Operand<TFloat32> r =
          tf.reshape(LstmSequence.timeSlice(tf, targets.reward(), from, len), flat);
      rewardSum = sum(tf, tf.math.mul(tf.math.square(tf.math.sub(pred, r)), m));
    }
    Operand<TFloat32> doneSum = tf.constant(0f);
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
      doneSum = sum(tf, tf.math.mul(bce, m));
    }
    return new ChunkSums(nllSum, rewardSum, doneSum);
  }

  /** The sum of {@code parts} (the one part itself when there is one). */
  private static Operand<TFloat32> total(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }

  private static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> v) {
    return tf.reduceSum(v, tf.constant(0));
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
