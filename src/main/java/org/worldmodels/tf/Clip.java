package org.worldmodels.tf;

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
  /** Clipping kinds. */
  public enum Kind {
    NONE,
    GLOBAL_NORM,
    VALUE
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

  /** Parses {@code norm}, {@code value} or {@code none} with a threshold. */
  public static Clip parse(String kind, double threshold) {
    return switch (kind) {
      case "norm" -> globalNorm(threshold);
      case "value" -> value(threshold);
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "clip must be norm, value or none, got '" + kind + "'");
    };
  }
}
