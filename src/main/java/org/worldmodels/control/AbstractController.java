package org.worldmodels.control;

import org.worldmodels.util.Check;

/**
 * What every {@link Controller} shares: the checked parameter vector, input length checks and the
 * mapping of output units to an action, so that subclasses hold only their layers.
 */
abstract class AbstractController implements Controller {
  private final ControllerSpec spec;

  /** The parameters, owned (copied in, copied out). */
  final double[] theta;

  AbstractController(ControllerSpec spec, double[] parameters) {
    Check.argument(spec != null, "spec must not be null");
    Check.argument(parameters != null, "parameters must not be null");
    Check.argument(
        parameters.length == spec.parameterCount(),
        "parameters: a "
            + spec.kind()
            + " controller with Z+H = "
            + spec.inputSize()
            + (spec.kind() == ControllerKind.MLP ? ", hidden_units = " + spec.hiddenUnits() : "")
            + " and "
            + spec.outputSize()
            + " outputs has "
            + spec.parameterCount()
            + " parameters, got "
            + parameters.length);
    for (int i = 0; i < parameters.length; i++) {
      Check.argument(
          Double.isFinite(parameters[i]),
          "parameters: " + parameters[i] + " at index " + i + "; expected finite values");
    }
    this.spec = spec;
    this.theta = parameters.clone();
  }

  @Override
  public final float[] act(float[] z, float[] h) {
    requireLength("z", z, spec.zSize());
    requireLength("h", h, spec.hSize());
    return ActionHead.decode(spec.action(), outputs(z, h));
  }

  /** The output units {@code o}, shape [A_out], for inputs of checked lengths. */
  abstract double[] outputs(float[] z, float[] h);

  private static void requireLength(String what, float[] x, int n) {
    if (x == null || x.length != n) {
      throw new IllegalArgumentException(
          what
              + " must have length "
              + n
              + " for this controller, found "
              + (x == null ? "null" : "length " + x.length));
    }
  }

  /**
   * {@code acc[r] += sum_j w[from + r * (Z+H) + j] * [z, h]_j} for each of the {@code rows} rows of
   * a matrix {@code [rows, Z+H]} starting at {@code from}.
   */
  static void addAffineOfInput(double[] w, int from, int rows, float[] z, float[] h, double[] acc) {
    int in = z.length + h.length;
    for (int r = 0; r < rows; r++) {
      int row = from + r * in;
      double s = 0;
      for (int j = 0; j < z.length; j++) {
        s += w[row + j] * z[j];
      }
      for (int j = 0; j < h.length; j++) {
        s += w[row + z.length + j] * h[j];
      }
      acc[r] += s;
    }
  }

  @Override
  public final ControllerSpec spec() {
    return spec;
  }

  @Override
  public final double[] parameters() {
    return theta.clone();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "(Z="
        + spec.zSize()
        + ", H="
        + spec.hSize()
        + ", action="
        + spec.action()
        + ", parameters="
        + theta.length
        + ")";
  }
}
