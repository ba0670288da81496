package org.worldmodels.mdn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Constrains component means: unconstrained ({@code identity}), positive ({@code softplus}), or
 * inside a range ({@code bounded:LO:HI}, {@code lo + (hi - lo) sigmoid(raw)}).
 *
 * <p>The head may also carry an affine {@code shift + scale * raw} for the target's units (see
 * {@link MdnHead}); identity and softplus use it, a bounded range is already in target units.
 *
 * @param kind which constraint
 * @param lo lower bound, for {@link Kind#BOUNDED}
 * @param hi upper bound, for {@link Kind#BOUNDED}
 */
public record MeanActivation(Kind kind, double lo, double hi) {

  /** The constraint. */
  public enum Kind {
    IDENTITY,
    SOFTPLUS,
    BOUNDED
  }

  public static final MeanActivation IDENTITY = new MeanActivation(Kind.IDENTITY, 0, 0);
  public static final MeanActivation SOFTPLUS = new MeanActivation(Kind.SOFTPLUS, 0, 0);

  public MeanActivation {
    if (kind == Kind.BOUNDED && !(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
      throw new IllegalArgumentException(
          "mu bounded:LO:HI needs finite LO < HI, got " + lo + ":" + hi);
    }
  }

  /** Parses {@code identity}, {@code softplus} or {@code bounded:LO:HI}. */
  @JsonCreator
  public static MeanActivation parse(String s) {
    if ("identity".equals(s)) {
      return IDENTITY;
    }
    if ("softplus".equals(s)) {
      return SOFTPLUS;
    }
    if (s != null && s.startsWith("bounded:")) {
      String[] p = s.split(":", -1);
      if (p.length == 3) {
        try {
          return new MeanActivation(
              Kind.BOUNDED, Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        } catch (NumberFormatException e) {
          // reported below
        }
      }
    }
    throw new IllegalArgumentException(
        "mu must be identity, softplus or bounded:LO:HI (numbers, LO < HI), got '" + s + "'");
  }

  /** The mean in plain Java; {@code shift} and {@code scale} express the target's units. */
  public double apply(double raw, double shift, double scale) {
    return switch (kind) {
      case IDENTITY -> shift + scale * raw;
      case SOFTPLUS -> scale * softplus(raw);
      case BOUNDED -> lo + (hi - lo) / (1 + Math.exp(-raw));
    };
  }

  /** The mean as graph ops. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> raw, double shift, double scale) {
    return switch (kind) {
      case IDENTITY ->
          tf.math.add(tf.constant((float) shift), tf.math.mul(tf.constant((float) scale), raw));
      case SOFTPLUS -> tf.math.mul(tf.constant((float) scale), tf.math.softplus(raw));
      case BOUNDED ->
          tf.math.add(
              tf.constant((float) lo),
              tf.math.mul(tf.constant((float) (hi - lo)), tf.math.sigmoid(raw)));
    };
  }

  /** {@code log(1 + e^x)} without overflow. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** The form {@link #parse} reads, also the value in model metadata. */
  @JsonValue
  @Override
  public String toString() {
    return switch (kind) {
      case IDENTITY -> "identity";
      case SOFTPLUS -> "softplus";
      case BOUNDED -> "bounded:" + lo + ":" + hi;
    };
  }
}
