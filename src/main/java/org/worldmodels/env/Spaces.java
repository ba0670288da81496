package org.worldmodels.env;

import org.worldmodels.data.ActionSpec;

/**
 * The one place where an environment's action {@link Space} and the {@link ActionSpec} of episode
 * files ({@code spec.json}) are converted into each other.
 *
 * <pre>{@code
 * Spaces.actionSpec(new Discrete(2));                 // ActionSpec.Discrete(2)
 * Spaces.space(new ActionSpec.Box(new double[] {-2}, new double[] {2})); // Box [-2, 2]
 * }</pre>
 */
public final class Spaces {
  private Spaces() {}

  /** The {@code spec.json} form of an action space. */
  public static ActionSpec actionSpec(Space space) {
    if (space instanceof Discrete d) {
      return new ActionSpec.Discrete(d.n());
    }
    Box b = (Box) space; // Space is sealed: Box or Discrete
    double[] low = new double[b.dimension()];
    double[] high = new double[b.dimension()];
    for (int i = 0; i < low.length; i++) {
      low[i] = b.low(i);
      high[i] = b.high(i);
    }
    return new ActionSpec.Box(low, high);
  }

  /** The action space an {@link ActionSpec} describes (box bounds rounded to float32). */
  public static Space space(ActionSpec spec) {
    if (spec instanceof ActionSpec.Discrete d) {
      return new Discrete(d.n());
    }
    ActionSpec.Box b = (ActionSpec.Box) spec; // ActionSpec is sealed: Box or Discrete
    double[] low = b.low();
    double[] high = b.high();
    float[] lo = new float[low.length];
    float[] hi = new float[high.length];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = (float) low[i];
      hi[i] = (float) high[i];
    }
    return new Box(lo, hi);
  }
}
