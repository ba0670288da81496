package org.worldmodels.env;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Acrobot-v1 with Gymnasium's default "book" dynamics (Sutton and Barto): two links hanging from a
 * fixed joint, only the middle joint actuated; the task is to swing the tip above the bar.
 *
 * <table>
 *   <caption>Acrobot-v1</caption>
 *   <tr><th>action</th><td>one-hot of {@link Discrete}(3): torque -1, 0, +1 on the middle joint
 *       (no torque noise)</td></tr>
 *   <tr><th>observation</th><td>{@code [cos th1, sin th1, cos th2, sin th2, dth1, dth2]},
 *       {@code th1} from straight down, {@code th2} relative to link 1</td></tr>
 *   <tr><th>step</th><td>one classic RK4 step of {@value #DT} s on the book equations, then both
 *       angles wrapped into [-pi, pi) and the speeds clipped to [-4 pi, 4 pi] and [-9 pi, 9 pi]
 *       </td></tr>
 *   <tr><th>end</th><td>terminated when the tip is above the bar, {@code -cos th1 - cos(th1 +
 *       th2) > 1}; time limit {@value #MAX_EPISODE_STEPS}</td></tr>
 *   <tr><th>reward</th><td>-1 on every step that does not terminate, 0 on the one that does
 *       </td></tr>
 *   <tr><th>start</th><td>U(-0.1, 0.1) in each of the four state variables</td></tr>
 * </table>
 *
 * <p>The state is float64; observations are float32. Gymnasium's reward threshold ("solved") is
 * -100; a random policy scores about -500.
 */
public final class AcrobotEnv extends AbstractEnv {
  /** The id {@link Envs#make} accepts. */
  public static final String ID = "acrobot";

  /** The time limit. */
  public static final int MAX_EPISODE_STEPS = 500;

  static final double DT = 0.2;
  static final double LINK_LENGTH_1 = 1.0;
  static final double LINK_MASS_1 = 1.0;
  static final double LINK_MASS_2 = 1.0;
  static final double LINK_COM_1 = 0.5;
  static final double LINK_COM_2 = 0.5;
  static final double LINK_MOI = 1.0;
  static final double GRAVITY = 9.8;
  static final double MAX_VEL_1 = 4 * Math.PI;
  static final double MAX_VEL_2 = 9 * Math.PI;
  static final double START_BOUND = 0.1;

  private static final double[] TORQUES = {-1.0, 0.0, 1.0};
  private static final Discrete ACTION_SPACE = new Discrete(3);
  private static final Box OBSERVATION_SPACE =
      new Box(
          new float[] {-1f, -1f, -1f, -1f, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
          new float[] {1f, 1f, 1f, 1f, (float) MAX_VEL_1, (float) MAX_VEL_2});

  private static final List<String> OBSERVATION_NAMES =
      List.of("cos th1", "sin th1", "cos th2", "sin th2", "dth1", "dth2");
  private static final Shape SHAPE =
      new Shape(ID, OBSERVATION_SPACE, OBSERVATION_NAMES, ACTION_SPACE, MAX_EPISODE_STEPS);

  private final double[] s = new double[4];

  /** An Acrobot whose first {@link #reset()} draws from seed 0. */
  public AcrobotEnv() {
    this(0);
  }

  /** An Acrobot whose first {@link #reset()} draws from {@code seed}. */
  public AcrobotEnv(long seed) {
    super(SHAPE, seed);
  }

  @Override
  float[] resetState(RandomGenerator rng) {
    for (int i = 0; i < 4; i++) {
      s[i] = rng.nextDouble(-START_BOUND, START_BOUND);
    }
    return observation();
  }

  @Override
  StepResult advance(float[] action) {
    double torque = TORQUES[ACTION_SPACE.index(action)];
    double[] next = rk4(s, torque);
    s[0] = wrap(next[0]);
    s[1] = wrap(next[1]);
    s[2] = clip(next[2], MAX_VEL_1);
    s[3] = clip(next[3], MAX_VEL_2);
    boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
    return new StepResult(observation(), terminated ? 0.0 : -1.0, terminated, false);
  }

  /** One classic Runge-Kutta step of length {@link #DT} from {@code y}, torque held fixed. */
  static double[] rk4(double[] y, double torque) {
    double[] k1 = derivatives(y, torque);
    double[] k2 = derivatives(axpy(DT / 2, k1, y), torque);
    double[] k3 = derivatives(axpy(DT / 2, k2, y), torque);
    double[] k4 = derivatives(axpy(DT, k3, y), torque);
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      out[i] = y[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return out;
  }

  /** The book equations: {@code d/dt [th1, th2, dth1, dth2]} under {@code torque}. */
  static double[] derivatives(double[] y, double a) {
    double th1 = y[0];
    double th2 = y[1];
    double dth1 = y[2];
    double dth2 = y[3];
    double m1 = LINK_MASS_1;
    double m2 = LINK_MASS_2;
    double l1 = LINK_LENGTH_1;
    double lc1 = LINK_COM_1;
    double lc2 = LINK_COM_2;
    double d1 =
        m1 * lc1 * lc1
            + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(th2))
            + LINK_MOI
            + LINK_MOI;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(th2)) + LINK_MOI;
    double phi2 = m2 * lc2 * GRAVITY * Math.cos(th1 + th2 - Math.PI / 2);
    double phi1 =
        -m2 * l1 * lc2 * dth2 * dth2 * Math.sin(th2)
            - 2 * m2 * l1 * lc2 * dth2 * dth1 * Math.sin(th2)
            + (m1 * lc1 + m2 * l1) * GRAVITY * Math.cos(th1 - Math.PI / 2)
            + phi2;
    double ddth2 =
        (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dth1 * dth1 * Math.sin(th2) - phi2)
            / (m2 * lc2 * lc2 + LINK_MOI - d2 * d2 / d1);
    double ddth1 = -(d2 * ddth2 + phi1) / d1;
    return new double[] {dth1, dth2, ddth1, ddth2};
  }

  private static double[] axpy(double a, double[] x, double[] y) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] + a * x[i];
    }
    return out;
  }

  /** Wraps an angle into [-pi, pi). */
  static double wrap(double x) {
    double twoPi = 2 * Math.PI;
    double r = (x + Math.PI) % twoPi; // Java's % keeps the dividend's sign
    if (r < 0) {
      r += twoPi;
    }
    return r - Math.PI;
  }

  private static double clip(double v, double bound) {
    return Math.max(-bound, Math.min(bound, v));
  }

  private float[] observation() {
    return new float[] {
      (float) Math.cos(s[0]),
      (float) Math.sin(s[0]),
      (float) Math.cos(s[1]),
      (float) Math.sin(s[1]),
      (float) s[2],
      (float) s[3]
    };
  }

  double[] state() {
    return s.clone();
  }

  void setState(double[] state) {
    System.arraycopy(state, 0, s, 0, 4);
  }
}
