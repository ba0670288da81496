package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PendulumEnvTest {

  /** Wraps into [-pi, pi) by subtracting whole turns (a different route from the env's). */
  private static double wrap(double a) {
    return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  }

  /** One Pendulum-v1 step re-derived: {th', thdot', reward}. */
  private static double[] expectedStep(double th, double thd, double torque) {
    double u = Math.max(-2, Math.min(2, torque));
    // Torque balance of a uniform rod about its end: I = m l^2 / 3, gravity acts at l / 2.
    double inertia = 1.0 * 1.0 / 3.0;
    double angularAcc = (1.0 * 10.0 * 0.5 * Math.sin(th) + u) / inertia;
    double thd2 = Math.max(-8, Math.min(8, thd + angularAcc * 0.05));
    double reward = -(Math.pow(wrap(th), 2) + 0.1 * thd * thd + 0.001 * u * u);
    return new double[] {th + thd2 * 0.05, thd2, reward};
  }

  private static PendulumEnv startedAt(double th, double thDot) {
    PendulumEnv env = new PendulumEnv();
    env.reset(0);
    env.setState(th, thDot);
    return env;
  }

  @Test
  void fullTorqueFromUprightByHand() {
    // thdot' = (0 + 3 * 2) * 0.05 = 0.3, th' = 0.3 * 0.05 = 0.015, reward = -0.001 * 4.
    PendulumEnv env = startedAt(0, 0);
    StepResult r = env.step(new float[] {2f});
    assertThat(env.state()).containsExactly(new double[] {0.015, 0.3}, within(1e-15));
    assertThat(r.reward()).isCloseTo(-0.004, within(1e-15));
    assertThat(r.observation())
        .containsExactly((float) Math.cos(0.015), (float) Math.sin(0.015), 0.3f);
  }

  @ParameterizedTest(name = "th {0} thdot {1} u {2}")
  @CsvSource({
    "0.0, 0.0, -2.0",
    "1.5707963267948966, 0.0, 0.0",
    "3.0, -0.5, 1.25",
    "-2.2, 0.7, -0.3",
    "5.0, 3.0, 0.5",
    "-7.5, -6.0, 1.9",
    "0.4, 7.9, 2.0",
    "-0.4, -7.9, -2.0"
  })
  void stepMatchesIndependentDerivation(double th, double thd, double u) {
    PendulumEnv env = startedAt(th, thd);
    StepResult r = env.step(new float[] {(float) u});
    double[] e = expectedStep(th, thd, (float) u);
    assertThat(env.state()).containsExactly(new double[] {e[0], e[1]}, within(1e-12));
    assertThat(r.reward()).isCloseTo(e[2], within(1e-12));
    assertThat(r.observation())
        .containsExactly(
            new float[] {(float) Math.cos(e[0]), (float) Math.sin(e[0]), (float) e[1]},
            within(1e-6f));
  }

  @Test
  void torqueIsClippedToPlusMinusTwoInDynamicsAndReward() {
    PendulumEnv big = startedAt(0.3, -0.2);
    PendulumEnv clipped = startedAt(0.3, -0.2);
    StepResult rBig = big.step(new float[] {50f});
    StepResult rClipped = clipped.step(new float[] {2f});
    assertThat(big.state()).containsExactly(clipped.state());
    assertThat(rBig.reward()).isEqualTo(rClipped.reward());

    PendulumEnv negative = startedAt(0.3, -0.2);
    negative.step(new float[] {-7f});
    double[] e = expectedStep(0.3, -0.2, -2);
    assertThat(negative.state()).containsExactly(new double[] {e[0], e[1]}, within(1e-12));
  }

  @Test
  void speedIsClippedToEightBeforeTheAngleMoves() {
    // Unclipped: 7.9 + (15 sin(pi/2) + 6) * 0.05 = 8.95; clipped to 8, so th moves 8 * 0.05.
    PendulumEnv env = startedAt(Math.PI / 2, 7.9);
    StepResult r = env.step(new float[] {2f});
    assertThat(env.state()).containsExactly(new double[] {Math.PI / 2 + 0.4, 8.0}, within(1e-15));
    assertThat(r.observation()[2]).isEqualTo(8f);
    // The reward uses the old speed, not the clipped new one.
    double oldCost = Math.pow(Math.PI / 2, 2) + 0.1 * 7.9 * 7.9 + 0.001 * 4;
    assertThat(r.reward()).isCloseTo(-oldCost, within(1e-12));

    PendulumEnv down = startedAt(-Math.PI / 2, -7.9);
    down.step(new float[] {-2f});
    assertThat(down.state()[1]).isEqualTo(-8.0);
  }

  @ParameterizedTest(name = "norm({0}) = {1}")
  @CsvSource({
    "0.0, 0.0",
    "1.0, 1.0",
    "-1.0, -1.0",
    "7.0, 0.7168146928204138",
    "-7.0, -0.7168146928204138",
    "3.141592653589793, -3.141592653589793",
    "-3.141592653589793, -3.141592653589793",
    "4.71238898038469, -1.5707963267948966",
    "-4.71238898038469, 1.5707963267948966",
    "20.0, 1.1504440784612413"
  })
  void angleNormalizeWrapsIntoMinusPiToPi(double a, double expected) {
    assertThat(PendulumEnv.angleNormalize(a)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void rewardUsesTheNormalizedAngle() {
    double full = startedAt(2 * Math.PI + 0.5, 0).step(new float[] {0f}).reward();
    double plain = startedAt(0.5, 0).step(new float[] {0f}).reward();
    assertThat(full).isCloseTo(plain, within(1e-12));
    assertThat(plain).isCloseTo(-0.25, within(1e-15));
  }

  @Test
  void neverTerminatesAndTruncatesAtStep200() {
    PendulumEnv env = new PendulumEnv();
    env.reset(8);
    java.util.random.RandomGenerator rng = org.worldmodels.util.Seeds.stream(8);
    for (int t = 1; t < 200; t++) {
      StepResult r = env.step(env.actionSpace().sample(rng));
      assertThat(r.terminated()).as("step %d", t).isFalse();
      assertThat(r.truncated()).as("step %d", t).isFalse();
      assertThat(r.reward()).as("step %d", t).isBetween(-(Math.PI * Math.PI + 6.4 + 0.004), 0.0);
      assertThat(env.observationSpace().contains(r.observation())).as("step %d", t).isTrue();
    }
    StepResult last = env.step(new float[] {0f});
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(new float[] {0f}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call reset before step");
  }

  @Test
  void startStateIsUniform() {
    PendulumEnv env = new PendulumEnv(4);
    double thMin = 9;
    double thMax = -9;
    double wMin = 9;
    double wMax = -9;
    for (int i = 0; i < 2000; i++) {
      env.reset();
      double[] s = env.state();
      assertThat(s[0]).as("reset %d th", i).isBetween(-Math.PI, Math.PI);
      assertThat(s[1]).as("reset %d thdot", i).isBetween(-1.0, 1.0);
      thMin = Math.min(thMin, s[0]);
      thMax = Math.max(thMax, s[0]);
      wMin = Math.min(wMin, s[1]);
      wMax = Math.max(wMax, s[1]);
    }
    assertThat(thMin).isLessThan(-Math.PI + 0.05);
    assertThat(thMax).isGreaterThan(Math.PI - 0.05);
    assertThat(wMin).isLessThan(-0.98);
    assertThat(wMax).isGreaterThan(0.98);
  }

  @Test
  void observationIsCosSinAndSpeedOfTheStartState() {
    PendulumEnv env = new PendulumEnv();
    float[] o = env.reset(21);
    double[] s = env.state();
    assertThat(o).containsExactly((float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) s[1]);
  }

  @Test
  void nanTorqueIsRefused() {
    PendulumEnv env = startedAt(0, 0);
    assertThatThrownBy(() -> env.step(new float[] {Float.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void spacesFollowGymnasium() {
    PendulumEnv env = new PendulumEnv();
    assertThat(env.actionSpace()).isEqualTo(new Box(new float[] {-2f}, new float[] {2f}));
    assertThat(env.observationSpace())
        .isEqualTo(new Box(new float[] {-1f, -1f, -8f}, new float[] {1f, 1f, 8f}));
    assertThat(env.maxEpisodeSteps()).isEqualTo(200);
    assertThat(env.id()).isEqualTo("pendulum");
  }
}
