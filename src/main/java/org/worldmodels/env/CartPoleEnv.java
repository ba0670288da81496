package org.worldmodels.env;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * CartPole-v1: balance a pole hinged on a cart by pushing the cart left or right, with Gymnasium's
 * published dynamics (Barto, Sutton and Anderson 1983, frictionless cart and joint).
 *
 * <table>
 *   <caption>Spaces and episode ends</caption>
 *   <tr><th>observation</th><td>[x, x_dot, theta, theta_dot], float32; x in [-4.8, 4.8], theta
 *       in [-24°, 24°] (radians), velocities unbounded</td></tr>
 *   <tr><th>action</th><td>one-hot of {@link Discrete}(2): 0 pushes left (force -10 N), 1
 *       pushes right (+10 N)</td></tr>
 *   <tr><th>start</th><td>each state variable ~ U(-0.05, 0.05)</td></tr>
 *   <tr><th>reward</th><td>1 on every step, including the one that terminates</td></tr>
 *   <tr><th>terminated</th><td>the new |x| &gt; 2.4 or the new |theta| &gt; 12°</td></tr>
 *   <tr><th>truncated</th><td>at step 500</td></tr>
 * </table>
 *
 * <p>The state is integrated in double precision with explicit Euler (every variable advanced from
 * the old values); observations are rounded to float.
 */
public final class CartPoleEnv extends AbstractEnv {
  /** The name {@link Envs#make} accepts. */
  public static final String ID = "cartpole";

  /** CartPole-v1's time limit. */
  public static final int MAX_EPISODE_STEPS = 500;

  static final double GRAVITY = 9.8;
  static final double MASS_CART = 1.0;
  static final double MASS_POLE = 0.1;
  static final double TOTAL_MASS = MASS_CART + MASS_POLE;

  /** Half the pole's length: the distance from the hinge to the pole's centre of mass. */
  static final double LENGTH = 0.5;

  static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
  static final double FORCE_MAG = 10.0;

  /** Seconds between state updates. */
  static final double TAU = 0.02;

  static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
  static final double X_THRESHOLD = 2.4;
  static final double START_BOUND = 0.05;

  private static final Discrete ACTION_SPACE = new Discrete(2);
  private static final List<String> OBSERVATION_NAMES = List.of("x", "x_dot", "theta", "theta_dot");
  // Twice the termination thresholds, so that a terminal observation still lies in the space.
  private static final Box OBSERVATION_SPACE =
      new Box(
          new float[] {
            (float) (-2 * X_THRESHOLD), -Float.MAX_VALUE,
            (float) (-2 * THETA_THRESHOLD_RADIANS), -Float.MAX_VALUE
          },
          new float[] {
            (float) (2 * X_THRESHOLD), Float.MAX_VALUE,
            (float) (2 * THETA_THRESHOLD_RADIANS), Float.MAX_VALUE
          });
  private static final Shape SHAPE =
      new Shape(ID, OBSERVATION_SPACE, OBSERVATION_NAMES, ACTION_SPACE, MAX_EPISODE_STEPS);

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;

  /** An environment whose stream starts from seed 0 until {@link #reset(long)} reseeds it. */
  public CartPoleEnv() {
    this(0);
  }

  /** An environment whose {@link #reset()} stream starts from {@code seed}. */
  public CartPoleEnv(long seed) {
    super(SHAPE, seed);
  }

  @Override
  float[] resetState(RandomGenerator rng) {
    x = uniformStart(rng);
    xDot = uniformStart(rng);
    theta = uniformStart(rng);
    thetaDot = uniformStart(rng);
    return observation();
  }

  private static double uniformStart(RandomGenerator rng) {
    return rng.nextDouble(-START_BOUND, START_BOUND);
  }

  @Override
  StepResult advance(float[] action) {
    double force = ACTION_SPACE.index(action) == 1 ? FORCE_MAG : -FORCE_MAG;
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
    double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;

    // Explicit Euler: positions advance with the old velocities.
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;

    boolean terminated = Math.abs(x) > X_THRESHOLD || Math.abs(theta) > THETA_THRESHOLD_RADIANS;
    return new StepResult(observation(), 1.0, terminated, false);
  }

  private float[] observation() {
    return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
  }

  /** The double-precision state [x, x_dot, theta, theta_dot], for tests. */
  double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
  }

  /** Overwrites the state of the running episode, for tests (Gymnasium's {@code env.state}). */
  void setState(double x, double xDot, double theta, double thetaDot) {
    this.x = x;
    this.xDot = xDot;
    this.theta = theta;
    this.thetaDot = thetaDot;
  }
}
