package org.worldmodels.mdn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Maps a raw network output to a positive scale. {@code EXP} is Bishop's (1994) choice; {@code
 * ELU_PLUS_ONE} grows linearly for positive inputs, which keeps large scales from exploding
 * gradients.
 */
public enum ScaleActivation {
  /** {@code sigma = exp(raw)}. */
  EXP("exp"),
  /** {@code sigma = ELU(raw) + 1}: {@code exp(raw)} below zero, {@code 1 + raw} above. */
  ELU_PLUS_ONE("elu");

  /** The command-line name, and the value in model metadata. */
  @JsonValue public final String id;

  ScaleActivation(String id) {
    this.id = id;
  }

  /** Parses {@code exp} or {@code elu}. */
  @JsonCreator
  public static ScaleActivation parse(String s) {
    for (ScaleActivation a : values()) {
      if (a.id.equals(s)) {
        return a;
      }
    }
    throw new IllegalArgumentException("sigma must be exp or elu, got '" + s + "'");
  }

  /** {@code sigma(raw)} in plain Java. */
  public double apply(double raw) {
    return switch (this) {
      case EXP -> Math.exp(raw);
      case ELU_PLUS_ONE -> raw > 0 ? 1 + raw : Math.exp(raw);
    };
  }

  /** {@code log sigma(raw)}, exact for every raw value. */
  public double log(double raw) {
    return switch (this) {
      case EXP -> raw;
      case ELU_PLUS_ONE -> raw > 0 ? Math.log1p(raw) : raw;
    };
  }

  /** {@code sigma(raw)} as graph ops. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> raw) {
    return switch (this) {
      case EXP -> tf.math.exp(raw);
      // exp(min(raw, 0)) + relu(raw): ELU + 1 without computing exp(raw) - 1 + 1, which
      // rounds to 0 in float32 for raw below about -17 and makes log(sigma) infinite.
      case ELU_PLUS_ONE ->
          tf.math.add(tf.math.exp(tf.math.minimum(raw, tf.constant(0f))), tf.nn.relu(raw));
    };
  }

  /** {@code log sigma(raw)} as graph ops, exact where {@code sigma} itself would underflow. */
  public Operand<TFloat32> log(Ops tf, Operand<TFloat32> raw) {
    return switch (this) {
      case EXP -> raw;
      case ELU_PLUS_ONE ->
          tf.math.add(tf.math.minimum(raw, tf.constant(0f)), tf.math.log1p(tf.nn.relu(raw)));
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
