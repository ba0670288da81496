package org.worldmodels.control;

import org.worldmodels.data.ActionSpec;

/**
 * Turns a controller's output units into an action (see {@link ControllerSpec}): argmax one-hot for
 * a discrete space, tanh scaled into the bounds for a box.
 */
final class ActionHead {
  private ActionHead() {}

  /** The action for outputs {@code o}, shape [A_out], a fresh float array. */
  static float[] decode(ActionSpec action, double[] o) {
    if (action instanceof ActionSpec.Discrete) {
      float[] a = new float[o.length];
      a[argmax(o)] = 1f;
      return a;
    }
    ActionSpec.Box box = (ActionSpec.Box) action; // ActionSpec is sealed: Box or Discrete
    double[] low = box.low();
    double[] high = box.high();
    float[] a = new float[o.length];
    for (int i = 0; i < o.length; i++) {
      double v = low[i] + (high[i] - low[i]) * (Math.tanh(o[i]) + 1) / 2;
      // Rounding to float may step just outside the bounds; the bounds are part of the contract.
      a[i] = (float) Math.min(high[i], Math.max(low[i], (float) v));
    }
    return a;
  }

  /** Index of the largest value, the first one on a tie as numpy's argmax; NaN never wins. */
  static int argmax(double[] o) {
    int best = -1;
    for (int i = 0; i < o.length; i++) {
      if (!Double.isNaN(o[i]) && (best < 0 || o[i] > o[best])) {
        best = i;
      }
    }
    return Math.max(best, 0);
  }
}
