package org.worldmodels.vision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.AdamGraph;
import org.worldmodels.tf.ConvGradients;
import org.worldmodels.tf.Param;
import org.worldmodels.tf.ParamSet;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Check;

/**
 * The ConvVAE as one TensorFlow graph: encoder, reparameterised sample, decoder, loss and (for
 * training) our own Adam ({@link AdamGraph}).
 *
 * <p>Frames are fed as uint8 {@code [B, H, W, 3]} (NHWC, row 0 at the top) and scaled to [0, 1] in
 * the graph; the noise {@code eps} {@code [B, Z]} is fed from Java, so that a step depends on the
 * seed and the batch alone: {@code z = mu + exp(logvar / 2) * eps}. Feeding zeros gives the
 * reconstruction from the mean latent. The decoder can be run on its own by feeding {@code z}.
 *
 * <p>Loss per frame: the reconstruction term summed over pixels and channels ({@link ReconLoss})
 * plus {@code max(KL, klTolerance * Z)}, with {@code KL = -1/2 sum(1 + logvar - mu^2 -
 * exp(logvar))}; the batch's loss is the mean over frames of each term.
 *
 * <p>Not thread-safe; one graph is used by one thread at a time.
 */
public final class VaeGraph implements AutoCloseable {
  /** The encoder's and decoder's strides, NHWC. */
  private static final List<Long> STRIDES =
      List.of(1L, (long) VaeConfig.STRIDE, (long) VaeConfig.STRIDE, 1L);

  private final VaeConfig config;
  private final Graph graph;
  private final Session session;
  private final ParamSet params = new ParamSet();
  private final Placeholder<TUint8> frames;
  private final Placeholder<TFloat32> eps;
  private final Operand<TFloat32> mu;
  private final Operand<TFloat32> logvar;
  private final Operand<TFloat32> z;
  private final Operand<TFloat32> output;
  private final Operand<TFloat32> reconPerFrame;
  private final Operand<TFloat32> squaredErrorPerFrame;
  private final Operand<TFloat32> klPerFrame;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> reconMean;
  private final Operand<TFloat32> klMean;
  private final AdamGraph adam;
  private boolean closed;

  /**
   * Figures of one training step, computed before the update.
   *
   * @param loss the batch's loss
   * @param recon mean reconstruction term per frame
   * @param kl mean unfloored KL per frame, nats
   * @param gradNorm global gradient norm
   * @param applied whether the update was applied (loss and gradients finite)
   */
  public record StepFigures(
      double loss, double recon, double kl, double gradNorm, boolean applied) {}

  /**
   * Per-frame figures of a batch at the mean latent.
   *
   * @param squaredError sum over pixels and channels of the squared error, values in [0, 1]
   * @param kl unfloored KL, nats
   */
  public record FrameFigures(double[] squaredError, double[] kl) {}

  private VaeGraph(
      VaeConfig config, VaeWeights weights, AdamConfig adamConfig, Map<String, float[]> slots) {
    this.config = config;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      int side = config.frameSize();
      int zs = config.zSize();
      frames =
          tf.withName("frames")
              .placeholder(
                  TUint8.class, Placeholder.shape(Shape.of(-1, side, side, VaeConfig.CHANNELS)));
      eps = tf.withName("eps").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, zs)));
      Map<String, Param> p = new LinkedHashMap<>();
      Map<String, int[]> shapes = VaeWeights.shapes(config);
      for (var e : weights.map().entrySet()) {
        p.put(e.getKey(), params.add(tf, e.getKey(), shapes.get(e.getKey()), e.getValue()));
      }
      Operand<TFloat32> x =
          tf.math.mul(tf.dtypes.cast(frames, TFloat32.class), tf.constant(1f / 255f));
      // TensorFlow's own convolution kernels, unless training needs gradients that cannot be
      // registered here (ConvGradients.register).
      boolean own = adamConfig == null || ConvGradients.register();

      // Encoder: 4 x 4 stride-2 convolutions without padding, ReLU.
      Operand<TFloat32> h =
          adamConfig == null
              ? inHalves(tf, x, half -> encoded(tf, half, p, config, own))
              : encoded(tf, x, p, config, own);
      Operand<TFloat32> flat = tf.reshape(h, tf.constant(new int[] {-1, config.encoderFlat()}));
      mu = tf.withName("mu").identity(dense(tf, flat, p, "encoder/mu"));
      logvar = tf.withName("logvar").identity(dense(tf, flat, p, "encoder/logvar"));
      z =
          tf.withName("z")
              .math
              .add(mu, tf.math.mul(tf.math.exp(tf.math.mul(logvar, tf.constant(0.5f))), eps));

      // Decoder: dense, reshape to 1 x 1 x D, stride-2 transposed convolutions.
      Operand<TFloat32> logits =
          adamConfig == null
              ? inHalves(tf, z, half -> decoded(tf, half, p, config, own))
              : decoded(tf, z, p, config, own);
      output = tf.withName("output").math.sigmoid(logits);

      Operand<TInt32> pixelAxes = tf.constant(new int[] {1, 2, 3});
      Operand<TFloat32> diff = tf.math.sub(output, x);
      squaredErrorPerFrame = tf.reduceSum(tf.math.square(diff), pixelAxes);
      reconPerFrame =
          switch (config.recon()) {
            case MSE -> squaredErrorPerFrame;
            case BERNOULLI -> tf.reduceSum(bernoulli(tf, logits, x), pixelAxes);
          };
      Operand<TFloat32> klTerms =
          tf.math.sub(
              tf.math.add(tf.constant(1f), logvar),
              tf.math.add(tf.math.square(mu), tf.math.exp(logvar)));
      klPerFrame =
          tf.math.mul(tf.constant(-0.5f), tf.reduceSum(klTerms, tf.constant(new int[] {1})));
      Operand<TFloat32> floored =
          tf.math.maximum(klPerFrame, tf.constant((float) (config.klTolerance() * zs)));
      Operand<TInt32> batchAxis = tf.constant(new int[] {0});
      reconMean = tf.math.mean(reconPerFrame, batchAxis);
      klMean = tf.math.mean(klPerFrame, batchAxis);
      loss = tf.withName("loss").math.add(reconMean, tf.math.mean(floored, batchAxis));
      adam =
          adamConfig == null
              ? null
              : AdamGraph.build(tf, loss, new ArrayList<>(p.values()), adamConfig, slots);
      // Training keeps one op at a time on every thread (its bits); inference runs two halves at
      // once.
      session = adamConfig == null ? TfRuntime.session(graph, 2) : TfRuntime.session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** A graph that trains from {@code weights}, with Adam's moments from {@code slots} or zero. */
  public static VaeGraph forTraining(
      VaeConfig config, VaeWeights weights, AdamConfig adam, Map<String, float[]> slots) {
    Check.argument(adam != null, "training needs an optimizer configuration");
    return new VaeGraph(config, weights, adam, slots);
  }

  /** A graph that only encodes, decodes and evaluates. */
  public static VaeGraph forInference(VaeConfig config, VaeWeights weights) {
    return new VaeGraph(config, weights, null, null);
  }

  /**
   * A stride-2 transposed convolution without padding of a 1 x 1 input is one product: each output
   * value is the dot product of the input's channels with one row of the kernel seen as {@code [k k
   * cOut, cIn]}. oneDNN's transposed convolution runs this shape at a fifth of its product speed.
   */
  private static Operand<TFloat32> transposedFromPoint(
      Ops tf, Operand<TFloat32> in, Operand<TFloat32> kernel, int k, int cOut, int cIn) {
    Operand<TFloat32> flat = tf.reshape(in, tf.constant(new int[] {-1, cIn}));
    Operand<TFloat32> rows = tf.reshape(kernel, tf.constant(new int[] {k * k * cOut, cIn}));
    // The kernel times the input's transpose, then a transpose of the small result: about half the
    // time of the input times the kernel's transpose in oneDNN at batch 100.
    Operand<TFloat32> columns = tf.linalg.matMul(rows, flat, MatMul.transposeB(true));
    Operand<TFloat32> out = tf.linalg.transpose(columns, tf.constant(new int[] {1, 0}));
    return tf.reshape(out, tf.constant(new int[] {-1, k, k, cOut}));
  }

  /**
   * A stride-{@code S} transposed convolution without padding, kernel side {@code k = a S}, as one
   * ordinary convolution and a depth-to-space shuffle: output pixel {@code (S q + r, S w + t)} sums
   * the input at {@code (q - m, w - n)} times kernel tap {@code (r + S m, t + S n)} for {@code m, n
   * < a}, so each of the {@code S^2} output phases is an {@code a x a} convolution of the input
   * padded by {@code a - 1}, with the kernel's taps of that phase reversed. The phases become
   * {@code S^2 cOut} output channels of one convolution, in depth-to-space's order.
   */
  private static Operand<TFloat32> transposedBySubPixels(
      Ops tf,
      Operand<TFloat32> in,
      Operand<TFloat32> kernel,
      int k,
      int cOut,
      int cIn,
      boolean own) {
    int s = VaeConfig.STRIDE;
    int a = k / s;
    Operand<TFloat32> w = tf.reshape(kernel, tf.constant(new int[] {a, s, a, s, cOut, cIn}));
    w = tf.reverse(w, tf.constant(new int[] {0, 2}));
    w = tf.linalg.transpose(w, tf.constant(new int[] {0, 2, 5, 1, 3, 4}));
    w = tf.reshape(w, tf.constant(new int[] {a, a, cIn, s * s * cOut}));
    Operand<TFloat32> padded =
        tf.pad(
            in,
            tf.constant(new int[][] {{0, 0}, {a - 1, a - 1}, {a - 1, a - 1}, {0, 0}}),
            tf.constant(0f));
    Operand<TFloat32> phases = convolution(tf, padded, w, List.of(1L, 1L, 1L, 1L), own);
    return tf.nn.depthToSpace(phases, (long) s);
  }

  /**
   * The encoder's convolutions and ReLUs. With {@code own} each convolution is TensorFlow's generic
   * {@code Conv} op, which the oneDNN rewrite leaves to TensorFlow's own kernels, at these shapes
   * faster than oneDNN's; its gradient is registered by {@link ConvGradients} (docs/vision.md, "The
   * training graph's convolutions").
   */
  private static Operand<TFloat32> encoded(
      Ops tf, Operand<TFloat32> x, Map<String, Param> p, VaeConfig config, boolean own) {
    Operand<TFloat32> h = x;
    for (int i = 0; i < config.encoderFilters().size(); i++) {
      String n = VaeWeights.encoderConv(i);
      Operand<TFloat32> kernel = p.get(n + "/kernel").variable();
      h = convolution(tf, h, kernel, STRIDES, own);
      h = tf.nn.relu(tf.nn.biasAdd(h, p.get(n + "/bias").variable()));
    }
    return h;
  }

  /**
   * The decoder's logits from latents {@code z}: dense, reshape to 1 x 1 x D, stride-2 transposed
   * convolutions.
   */
  private static Operand<TFloat32> decoded(
      Ops tf, Operand<TFloat32> z, Map<String, Param> p, VaeConfig config, boolean own) {
    Operand<TFloat32> d = tf.nn.relu(dense(tf, z, p, "decoder/dense"));
    d = tf.reshape(d, tf.constant(new int[] {-1, 1, 1, config.decoderDense()}));
    Operand<TInt32> batch = rows(tf, z);
    int layers = config.decoderKernels().size();
    for (int i = 0; i < layers; i++) {
      String n = VaeWeights.decoderConv(i);
      int inSide = i == 0 ? 1 : config.decoderSide(i - 1);
      int s = config.decoderSide(i);
      Operand<TFloat32> kernel = p.get(n + "/kernel").variable();
      int k = config.decoderKernels().get(i);
      int cOut = config.decoderFiltersAt(i);
      int cIn = i == 0 ? config.decoderDense() : config.decoderFiltersAt(i - 1);
      // The same sums arranged for fast kernels (docs/vision.md, "The decoder's transposed
      // convolutions rearranged"): a 1 x 1 input as a product, the 3-channel output layer as an
      // ordinary convolution, and the others as transposed convolutions whose gradient runs
      // TensorFlow's own convolution (ConvGradients).
      if (inSide == 1) {
        d = transposedFromPoint(tf, d, kernel, k, cOut, cIn);
      } else if (i == layers - 1 && k % VaeConfig.STRIDE == 0) {
        d = transposedBySubPixels(tf, d, kernel, k, cOut, cIn, own);
      } else {
        Operand<TInt32> size =
            tf.stack(List.of(batch, tf.constant(s), tf.constant(s), tf.constant(cOut)));
        d =
            own
                ? ConvGradients.transposed(tf, size, kernel, d, STRIDES)
                : tf.nn.conv2dBackpropInput(size, kernel, d, STRIDES, ConvGradients.VALID);
      }
      d = tf.nn.biasAdd(d, p.get(n + "/bias").variable());
      if (i < layers - 1) {
        d = tf.nn.relu(d);
      }
    }
    return d;
  }

  /**
   * A convolution without padding: TensorFlow's own kernel ({@code own}, {@link
   * ConvGradients#convolution}) or oneDNN's ({@code Conv2D}).
   */
  private static Operand<TFloat32> convolution(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter, List<Long> strides, boolean own) {
    return own
        ? ConvGradients.convolution(tf, x, filter, strides)
        : tf.nn.conv2d(x, filter, strides, ConvGradients.VALID);
  }

  /**
   * {@code part} applied to the two halves of the batch {@code x} as independent ops, the results
   * joined again. The inference graph's session runs the halves at once, one intra-op thread each
   * where sessions own their threads (docs/vision.md, "The inference graph in halves"): faster at
   * every batch than each op over the whole batch on both threads. Both halves hold {@code
   * ceil(B/2)} rows, so at an odd batch they share the middle row (the second half's copy is
   * dropped) and neither is ever empty: oneDNN's {@code Conv2D} gave a wrong shape for an empty
   * batch (when the decoder's last layer was one), and no kernel here is relied on for one.
   */
  private static Operand<TFloat32> inHalves(
      Ops tf, Operand<TFloat32> x, UnaryOperator<Operand<TFloat32>> part) {
    Operand<TInt32> rows = rows(tf, x);
    Operand<TInt32> one = tf.constant(1);
    Operand<TInt32> half = tf.math.floorDiv(tf.math.add(rows, one), tf.constant(2));
    Operand<TInt32> secondStart = tf.math.sub(rows, half);
    Operand<TInt32> axis = tf.constant(0);
    Operand<TFloat32> first = part.apply(tf.gather(x, tf.range(tf.constant(0), half, one), axis));
    Operand<TFloat32> second = part.apply(tf.gather(x, tf.range(secondStart, rows, one), axis));
    Operand<TInt32> shared = tf.math.sub(half, secondStart);
    Operand<TFloat32> rest = tf.gather(second, tf.range(shared, half, one), axis);
    return tf.concat(List.of(first, rest), axis);
  }

  /** The size of {@code t}'s first dimension, a scalar. */
  private static Operand<TInt32> rows(Ops tf, Operand<TFloat32> t) {
    return tf.reshape(
        tf.slice(tf.shape(t), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[0]));
  }

  private static Operand<TFloat32> dense(
      Ops tf, Operand<TFloat32> in, Map<String, Param> p, String name) {
    return tf.nn.biasAdd(
        tf.linalg.matMul(in, p.get(name + "/kernel").variable()), p.get(name + "/bias").variable());
  }

  /**
   * Bernoulli cross-entropy of targets {@code x} under {@code sigmoid(l)}, per value, in the stable
   * form {@code max(l, 0) - l x + log(1 + exp(-|l|))}.
   */
  private static Operand<TFloat32> bernoulli(Ops tf, Operand<TFloat32> l, Operand<TFloat32> x) {
    return tf.math.add(
        tf.math.sub(tf.nn.relu(l), tf.math.mul(l, x)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(l)))));
  }

  /** The configuration. */
  public VaeConfig config() {
    return config;
  }

  private void ensureOpen() {
    Check.state(!closed, "VaeGraph is closed");
  }

  private int checkFrames(byte[] batchFrames) {
    int per = config.frameValues();
    if (batchFrames.length == 0 || batchFrames.length % per != 0) {
      throw new IllegalArgumentException(
          "frames: expected a multiple of "
              + per
              + " values ("
              + config.frameSize()
              + " x "
              + config.frameSize()
              + " x 3), got "
              + batchFrames.length);
    }
    return batchFrames.length / per;
  }

  private TUint8 framesTensor(byte[] batchFrames, int b) {
    int s = config.frameSize();
    return TUint8.tensorOf(
        Shape.of(b, s, s, VaeConfig.CHANNELS), DataBuffers.of(batchFrames, true, false));
  }

  private TFloat32 floats(float[] v, long rows, long cols) {
    return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(v, true, false));
  }

  private float[] epsFor(int b, float[] e) {
    if (e == null) {
      return new float[b * config.zSize()];
    }
    Check.argument(
        e.length == b * config.zSize(),
        "eps: expected " + b * config.zSize() + " values, got " + e.length);
    return e;
  }

  /**
   * One Adam update on a batch.
   *
   * @param batchFrames uint8 frames {@code [B, H, W, 3]}, flat
   * @param noise {@code eps} {@code [B, Z]}, flat
   * @param stepSize the bias-corrected step size ({@link AdamConfig#stepSize})
   */
  public StepFigures trainStep(byte[] batchFrames, float[] noise, float stepSize) {
    ensureOpen();
    Check.state(adam != null, "this VaeGraph was built for inference");
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        TFloat32 e = floats(epsFor(b, noise), b, config.zSize());
        TFloat32 lr = TFloat32.scalarOf(stepSize);
        Result r =
            session
                .runner()
                .feed(frames, f)
                .feed(eps, e)
                .feed(adam.stepSize(), lr)
                .addTarget(adam.train())
                .fetch(loss)
                .fetch(reconMean)
                .fetch(klMean)
                .fetch(adam.gradNorm())
                .fetch(adam.ok())
                .run()) {
      return new StepFigures(
          scalar(r, 0), scalar(r, 1), scalar(r, 2), scalar(r, 3), ((TBool) r.get(4)).getBoolean());
    }
  }

  private static double scalar(Result r, int i) {
    return ((TFloat32) r.get(i)).getFloat();
  }

  /**
   * The loss and its gradient with respect to every weight (in {@link VaeWeights#shapes} order),
   * without updating anything; for tests.
   */
  LossAndGradients lossAndGradients(byte[] batchFrames, float[] noise) {
    ensureOpen();
    Check.state(adam != null, "this VaeGraph was built for inference");
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        TFloat32 e = floats(epsFor(b, noise), b, config.zSize())) {
      var runner = session.runner().feed(frames, f).feed(eps, e).fetch(loss);
      for (Operand<TFloat32> g : adam.gradients()) {
        runner.fetch(g);
      }
      try (Result r = runner.run()) {
        List<float[]> grads = new ArrayList<>();
        for (int i = 0; i < adam.gradients().size(); i++) {
          grads.add(copy((TFloat32) r.get(i + 1)));
        }
        return new LossAndGradients(scalar(r, 0), grads);
      }
    }
  }

  /** The loss and gradients of a batch. */
  record LossAndGradients(double loss, List<float[]> gradients) {}

  private static float[] copy(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** The batch's loss at the given noise, without an update. */
  public double loss(byte[] batchFrames, float[] noise) {
    ensureOpen();
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        TFloat32 e = floats(epsFor(b, noise), b, config.zSize());
        Result r = session.runner().feed(frames, f).feed(eps, e).fetch(loss).run()) {
      return scalar(r, 0);
    }
  }

  /** Per-frame squared error and KL of a batch, reconstructed from the mean latent. */
  public FrameFigures evaluate(byte[] batchFrames) {
    ensureOpen();
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        TFloat32 e = floats(new float[b * config.zSize()], b, config.zSize());
        Result r =
            session
                .runner()
                .feed(frames, f)
                .feed(eps, e)
                .fetch(squaredErrorPerFrame)
                .fetch(klPerFrame)
                .run()) {
      float[] se = copy((TFloat32) r.get(0));
      float[] kl = copy((TFloat32) r.get(1));
      double[] a = new double[b];
      double[] k = new double[b];
      for (int i = 0; i < b; i++) {
        a[i] = se[i];
        k[i] = kl[i];
      }
      return new FrameFigures(a, k);
    }
  }

  /**
   * The encoder's outputs.
   *
   * @param mu mean {@code [B, Z]}, flat
   * @param logvar log variance {@code [B, Z]}, flat
   */
  public record Encoded(float[] mu, float[] logvar) {}

  /** Encodes a batch of uint8 frames {@code [B, H, W, 3]}. */
  public Encoded encode(byte[] batchFrames) {
    ensureOpen();
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        Result r = session.runner().feed(frames, f).fetch(mu).fetch(logvar).run()) {
      return new Encoded(copy((TFloat32) r.get(0)), copy((TFloat32) r.get(1)));
    }
  }

  /**
   * Decodes latents {@code [B, Z]} (flat) to frames {@code [B, H, W, 3]} with values in [0, 1]
   * (flat).
   */
  public float[] decode(float[] latents) {
    ensureOpen();
    int zs = config.zSize();
    if (latents.length == 0 || latents.length % zs != 0) {
      throw new IllegalArgumentException(
          "z: expected a multiple of " + zs + " values (z size), got " + latents.length);
    }
    int b = latents.length / zs;
    try (TFloat32 zt = floats(latents, b, zs);
        Result r = session.runner().feed(z, zt).fetch(output).run()) {
      return copy((TFloat32) r.get(0));
    }
  }

  /** Reconstructions of a batch from the given noise ({@code null}: the mean latent), in [0, 1]. */
  public float[] reconstruct(byte[] batchFrames, float[] noise) {
    ensureOpen();
    int b = checkFrames(batchFrames);
    try (TUint8 f = framesTensor(batchFrames, b);
        TFloat32 e = floats(epsFor(b, noise), b, config.zSize());
        Result r = session.runner().feed(frames, f).feed(eps, e).fetch(output).run()) {
      return copy((TFloat32) r.get(0));
    }
  }

  /** The current weights. */
  public VaeWeights weights() {
    ensureOpen();
    return VaeWeights.fromMap(params.read(session), config, "graph");
  }

  /** Adam's moments by name (empty for an inference graph). */
  public Map<String, float[]> optimizerSlots() {
    ensureOpen();
    return adam == null ? Map.of() : adam.slots().read(session);
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
