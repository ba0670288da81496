package org.worldmodels.control;

/**
 * World Models' controller: {@code o = W [z, h] + b}, then the action head of {@link
 * ControllerSpec}. Parameters: {@code W [A_out, Z+H]} row-major, then {@code b [A_out]}.
 *
 * <pre>{@code
 * // Z = 1, H = 1, box [-1, 1]: W = [[2, 3]], b = [0.5]
 * Controller c = new LinearController(ControllerSpec.linear(1, 1, box), new double[] {2, 3, 0.5});
 * c.act(new float[] {1}, new float[] {-1});   // o = 2 - 3 + 0.5 = -0.5, a = tanh(-0.5) = -0.462
 * }</pre>
 */
public final class LinearController extends AbstractController {

  /**
   * @param spec a {@code linear} spec
   * @param parameters {@link ControllerSpec#parameterCount()} finite values, copied
   * @throws IllegalArgumentException on a wrong kind, count or a non-finite value
   */
  public LinearController(ControllerSpec spec, double[] parameters) {
    super(requireKind(spec), parameters);
  }

  private static ControllerSpec requireKind(ControllerSpec spec) {
    if (spec != null && spec.kind() != ControllerKind.LINEAR) {
      throw new IllegalArgumentException("LinearController needs a linear spec, got " + spec);
    }
    return spec;
  }

  @Override
  double[] outputs(float[] z, float[] h) {
    int out = spec().outputSize();
    int biasAt = out * spec().inputSize();
    double[] o = new double[out];
    System.arraycopy(theta, biasAt, o, 0, out);
    addAffineOfInput(theta, 0, out, z, h, o);
    return o;
  }
}
