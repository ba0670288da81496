package org.worldmodels.tf;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.worldmodels.util.Check;

/**
 * Gradient clipping before the optimizer step.
 *
 * @param kind none, by global norm (rescale all gradients together when their joint L2 norm exceeds
 *     the threshold; the default) or by value (World Models: each element into {@code [-threshold,
 *     threshold]})
 * @param threshold the norm or value bound, {@code > 0} unless {@code kind} is NONE
 */
public record Clip(Kind kind, double threshold) {
  /** Clipping kinds, named on the command line and in checkpoints by {@link #id}. */
  public enum Kind {
    NONE("none"),
    GLOBAL_NORM("norm"),
    VALUE("value");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** {@code none}, {@code norm} or {@code value}. */
    @JsonValue
    public String id() {
      return id;
    }

    /** Parses {@code norm}, {@code value} or {@code none}. */
    @JsonCreator
    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.id.equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("clip must be norm, value or none, got '" + s + "'");
    }

    @Override
    public String toString() {
      return id;
    }
  }

  public static final Clip NONE = new Clip(Kind.NONE, 0);

  public Clip {
    if (kind != Kind.NONE) {
      Check.positiveFinite("clip threshold", threshold);
    }
  }

  /** Clip by global norm at {@code c}. */
  public static Clip globalNorm(double c) {
    return new Clip(Kind.GLOBAL_NORM, c);
  }

  /** Clip each element at {@code +-c}. */
  public static Clip value(double c) {
    return new Clip(Kind.VALUE, c);
  }

  /** Clipping of {@code kind} at {@code threshold} (ignored for {@link Kind#NONE}). */
  public static Clip of(Kind kind, double threshold) {
    return switch (kind) {
      case GLOBAL_NORM -> globalNorm(threshold);
      case VALUE -> value(threshold);
      case NONE -> NONE;
    };
  }
}
