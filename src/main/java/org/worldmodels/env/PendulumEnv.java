package org.worldmodels.env;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Pendulum-v1: swing a frictionless pendulum up and hold it upright with a limited torque, with
 * Gymnasium's published dynamics. The angle {@code th} is 0 when the pendulum points up.
 *
 * <table>
 *   <caption>Spaces and episode ends</caption>
 *   <tr><th>observation</th><td>[cos th, sin th, thdot], float32, in [-1, 1] x [-1, 1] x
 *       [-8, 8]</td></tr>
 *   <tr><th>action</th><td>torque u, {@link Box} [-2, 2] of dimension 1; larger values are
 *       clipped to the bounds</td></tr>
 *   <tr><th>start</th><td>th ~ U(-pi, pi), thdot ~ U(-1, 1)</td></tr>
 *   <tr><th>reward</th><td>-(norm(th)^2 + 0.1 thdot^2 + 0.001 u^2) of the state before the step
 *       and the clipped torque, with norm(th) the angle wrapped into [-pi, pi)</td></tr>
 *   <tr><th>terminated</th><td>never</td></tr>
 *   <tr><th>truncated</th><td>at step 200</td></tr>
 * </table>
 *
 * <p>Integration is semi-implicit Euler in double precision: the speed is updated first and clipped
 * to [-8, 8], then the angle advances with the new speed.
 */
public final class PendulumEnv extends AbstractEnv {
  /** The name {@link Envs#make} accepts. */
  public static final String ID = "pendulum";

  /** Pendulum-v1's time limit. */
  public static final int MAX_EPISODE_STEPS = 200;

  static final double GRAVITY = 10.0;
  static final double MASS = 1.0;
  static final double LENGTH = 1.0;

  /** Seconds per step. */
  static final double DT = 0.05;

  static final double MAX_TORQUE = 2.0;
  static final double MAX_SPEED = 8.0;
  static final double START_SPEED_BOUND = 1.0;

  private static final Box ACTION_SPACE = Box.uniform(1, (float) -MAX_TORQUE, (float) MAX_TORQUE);
  private static final List<String> OBSERVATION_NAMES =
      List.of("cos theta", "sin theta", "theta_dot");
  private static final Box OBSERVATION_SPACE =
      new Box(new float[] {-1f, -1f, (float) -MAX_SPEED}, new float[] {1f, 1f, (float) MAX_SPEED});
  private static final Shape SHAPE =
      new Shape(ID, OBSERVATION_SPACE, OBSERVATION_NAMES, ACTION_SPACE, MAX_EPISODE_STEPS);

  private double th;
  private double thDot;

  /** An environment whose stream starts from seed 0 until {@link #reset(long)} reseeds it. */
  public PendulumEnv() {
    this(0);
  }

  /** An environment whose {@link #reset()} stream starts from {@code seed}. */
  public PendulumEnv(long seed) {
    super(SHAPE, seed);
  }

  @Override
  float[] resetState(RandomGenerator rng) {
    th = rng.nextDouble(-Math.PI, Math.PI);
    thDot = rng.nextDouble(-START_SPEED_BOUND, START_SPEED_BOUND);
    return observation();
  }

  @Override
  StepResult advance(float[] action) {
    double u = ACTION_SPACE.clip(action)[0];
    double cost = square(angleNormalize(th)) + 0.1 * square(thDot) + 0.001 * square(u);

    double newThDot =
        thDot
            + (3 * GRAVITY / (2 * LENGTH) * Math.sin(th) + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
    thDot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newThDot));
    th = th + thDot * DT; // semi-implicit: the clipped new speed moves the angle

    return new StepResult(observation(), -cost, false, false);
  }

  /**
   * Wraps an angle into [-pi, pi): {@code ((a + pi) mod 2 pi) - pi} with a floored modulo, as
   * Python's {@code %}, so negative angles wrap the same way as positive ones.
   */
  static double angleNormalize(double a) {
    double twoPi = 2 * Math.PI;
    double r = (a + Math.PI) % twoPi; // Java's % keeps the dividend's sign
    if (r < 0) {
      r += twoPi;
    }
    return r - Math.PI;
  }

  private static double square(double v) {
    return v * v;
  }

  private float[] observation() {
    return new float[] {(float) Math.cos(th), (float) Math.sin(th), (float) thDot};
  }

  /** The double-precision state [th, thdot], for tests. */
  double[] state() {
    return new double[] {th, thDot};
  }

  /** Overwrites the state of the running episode, for tests (Gymnasium's {@code env.state}). */
  void setState(double th, double thDot) {
    this.th = th;
    this.thDot = thDot;
  }
}
