package org.worldmodels.control;

/**
 * A controller with one tanh hidden layer: {@code o = W2 tanh(W1 [z, h] + b1) + b2}, then the
 * action head of {@link ControllerSpec}. Parameters, row-major: {@code W1 [U, Z+H]}, {@code b1
 * [U]}, {@code W2 [A_out, U]}, {@code b2 [A_out]}.
 */
public final class MlpController extends AbstractController {

  /**
   * @param spec an {@code mlp} spec
   * @param parameters {@link ControllerSpec#parameterCount()} finite values, copied
   * @throws IllegalArgumentException on a wrong kind, count or a non-finite value
   */
  public MlpController(ControllerSpec spec, double[] parameters) {
    super(requireKind(spec), parameters);
  }

  private static ControllerSpec requireKind(ControllerSpec spec) {
    if (spec != null && spec.kind() != ControllerKind.MLP) {
      throw new IllegalArgumentException("MlpController needs an mlp spec, got " + spec);
    }
    return spec;
  }

  @Override
  double[] outputs(float[] z, float[] h) {
    int in = spec().inputSize();
    int units = spec().hiddenUnits();
    int out = spec().outputSize();
    int b1At = units * in;
    int w2At = b1At + units;
    int b2At = w2At + out * units;

    double[] u = new double[units];
    System.arraycopy(theta, b1At, u, 0, units);
    addAffineOfInput(theta, 0, units, z, h, u);
    for (int k = 0; k < units; k++) {
      u[k] = Math.tanh(u[k]);
    }
    double[] o = new double[out];
    for (int r = 0; r < out; r++) {
      double s = theta[b2At + r];
      int row = w2At + r * units;
      for (int k = 0; k < units; k++) {
        s += theta[row + k] * u[k];
      }
      o[r] = s;
    }
    return o;
  }
}
