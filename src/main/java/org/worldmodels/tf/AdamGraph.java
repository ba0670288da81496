package org.worldmodels.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Adam written as graph ops, so that a training step is bitwise reproducible.
 *
 * <p>TensorFlow's own {@code ApplyAdam} lets a weight be updated while backprop for another weight
 * may still read it; here every write waits (control dependencies) for the loss and all gradients,
 * and the clipped gradients feed every moment update. A step whose loss or gradient norm is not
 * finite changes nothing (weights and moments keep their values), and {@link #ok()} reports it so
 * the trainer can stop or skip.
 *
 * <p>The bias-corrected step size is fed through {@link #stepSize()} each run (see {@link
 * AdamConfig#stepSize}); the step counter lives in Java.
 */
public final class AdamGraph {
  /** Prefix of the first-moment slot names in weight files. */
  public static final String M_PREFIX = "adam/m/";

  /** Prefix of the second-moment slot names in weight files. */
  public static final String V_PREFIX = "adam/v/";

  private final Placeholder<TFloat32> stepSize;
  private final Op train;
  private final Operand<TFloat32> gradNorm;
  private final Operand<TBool> ok;
  private final ParamSet slots;
  private final List<Operand<TFloat32>> gradients;

  private AdamGraph(
      Placeholder<TFloat32> stepSize,
      Op train,
      Operand<TFloat32> gradNorm,
      Operand<TBool> ok,
      ParamSet slots,
      List<Operand<TFloat32>> gradients) {
    this.gradients = gradients;
    this.stepSize = stepSize;
    this.train = train;
    this.gradNorm = gradNorm;
    this.ok = ok;
    this.slots = slots;
  }

  /**
   * Builds the update of {@code params} that minimises {@code loss}.
   *
   * @param initialSlots moment values to start from (keys {@code adam/m/NAME}, {@code
   *     adam/v/NAME}), or null to start from zeros
   */
  public static AdamGraph build(
      Ops tf,
      Operand<TFloat32> loss,
      List<Param> params,
      AdamConfig config,
      Map<String, float[]> initialSlots) {
    List<Operand<?>> vars = new ArrayList<>();
    for (Param p : params) {
      vars.add(p.variable());
    }
    Gradients grads = tf.gradients(loss, vars);
    List<Operand<TFloat32>> g = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      g.add(cast(grads.dy(i)));
    }
    return build(tf, loss, params, g, config, initialSlots);
  }

  /**
   * Builds the update of {@code params} from gradients computed elsewhere (a hand-written backward
   * pass), {@code gradients.get(i)} being the loss gradient with respect to {@code params.get(i)}.
   *
   * @param initialSlots moment values to start from (keys {@code adam/m/NAME}, {@code
   *     adam/v/NAME}), or null to start from zeros
   */
  public static AdamGraph build(
      Ops tf,
      Operand<TFloat32> loss,
      List<Param> params,
      List<Operand<TFloat32>> gradients,
      AdamConfig config,
      Map<String, float[]> initialSlots) {
    if (gradients.size() != params.size()) {
      throw new IllegalArgumentException(
          gradients.size() + " gradients for " + params.size() + " parameters");
    }
    Ops scope = tf.withSubScope("adam");
    Placeholder<TFloat32> stepSize =
        scope.withName("step_size").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Operation> deps = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      deps.add(g.op());
    }
    deps.add(loss.op());
    Ops after = scope.withControlDependencyOps(deps);

    // Global norm of the raw gradients (reported, and used for norm clipping).
    Operand<TFloat32> sumSq = null;
    for (int i = 0; i < params.size(); i++) {
      Operand<TFloat32> g = gradients.get(i);
      Operand<TFloat32> s = after.reduceSum(after.math.square(g), allAxes(after, g));
      sumSq = sumSq == null ? s : after.math.add(sumSq, s);
    }
    Operand<TFloat32> gradNorm = after.withName("grad_norm").math.sqrt(sumSq);
    Operand<TBool> ok =
        after
            .withName("finite")
            .math
            .logicalAnd(after.math.isFinite(gradNorm), after.math.isFinite(loss));
    Operand<TFloat32> normScale = null;
    if (config.clip().kind() == Clip.Kind.GLOBAL_NORM) {
      Operand<TFloat32> c = after.constant((float) config.clip().threshold());
      normScale = after.math.div(c, after.math.maximum(gradNorm, c));
    }

    ParamSet slots = new ParamSet();
    float b1 = (float) config.beta1();
    float b2 = (float) config.beta2();
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      Operand<TFloat32> g = gradients.get(i);
      if (normScale != null) {
        g = after.math.mul(g, normScale);
      } else if (config.clip().kind() == Clip.Kind.VALUE) {
        float c = (float) config.clip().threshold();
        g = after.clipByValue(g, after.constant(-c), after.constant(c));
      }
      Param m = slots.add(tf, M_PREFIX + p.name(), p.dims(), initial(initialSlots, M_PREFIX, p));
      Param v = slots.add(tf, V_PREFIX + p.name(), p.dims(), initial(initialSlots, V_PREFIX, p));
      Operand<TFloat32> mNew =
          after.math.add(
              after.math.mul(after.constant(b1), m.variable()),
              after.math.mul(after.constant(1 - b1), g));
      Operand<TFloat32> vNew =
          after.math.add(
              after.math.mul(after.constant(b2), v.variable()),
              after.math.mul(after.constant(1 - b2), after.math.square(g)));
      // A non-finite step keeps every value: select on the scalar flag.
      Operand<TFloat32> mAssigned =
          after.assign(m.variable(), TfMath.chooseByFlag(after, ok, mNew, m.variable()));
      Operand<TFloat32> vAssigned =
          after.assign(v.variable(), TfMath.chooseByFlag(after, ok, vNew, v.variable()));
      Operand<TFloat32> delta =
          after.math.div(
              after.math.mul(stepSize, mAssigned),
              after.math.add(after.math.sqrt(vAssigned), after.constant((float) config.epsilon())));
      Operand<TFloat32> safeDelta = TfMath.chooseByFlag(after, ok, delta, after.zerosLike(delta));
      updates.add(after.assignSub(p.variable(), safeDelta));
    }
    Op train = scope.withControlDependencies(updates).withName("train").noOp();
    return new AdamGraph(stepSize, train, gradNorm, ok, slots, List.copyOf(gradients));
  }

  private static float[] initial(Map<String, float[]> initialSlots, String prefix, Param p) {
    if (initialSlots == null) {
      return new float[p.size()];
    }
    float[] v = initialSlots.get(prefix + p.name());
    if (v == null || v.length != p.size()) {
      throw new IllegalArgumentException(
          "optimizer state: " + prefix + p.name() + " missing or of the wrong size");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> g) {
    int rank = g.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  /** The bias-corrected step size, fed at every run. */
  public Placeholder<TFloat32> stepSize() {
    return stepSize;
  }

  /** The op that applies one update. */
  public Op train() {
    return train;
  }

  /** The global L2 norm of the gradients before clipping. */
  public Operand<TFloat32> gradNorm() {
    return gradNorm;
  }

  /** Whether the step was applied (loss and gradient norm finite). */
  public Operand<TBool> ok() {
    return ok;
  }

  /** The loss gradients before clipping, one per parameter in order. */
  public List<Operand<TFloat32>> gradients() {
    return gradients;
  }

  /** The moment variables, for checkpoints. */
  public ParamSet slots() {
    return slots;
  }
}
