package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;

class AcrobotEnvTest {

  private static AcrobotEnv startedAt(double... state) {
    AcrobotEnv env = new AcrobotEnv();
    env.reset(0);
    env.setState(state);
    return env;
  }

  private static float[] action(int i) {
    float[] a = new float[3];
    a[i] = 1f;
    return a;
  }

  /**
   * 200 states over the whole state space, each stepped with each of the three torques, against the
   * book equations integrated by numpy (src/test/python/make_acrobot_fixture.py).
   */
  @Test
  void stepsMatchTheBookEquationsComputedByNumpy() throws Exception {
    Map<String, NpyArray> f = Npz.read(fixture());
    double[] states = f.get("state").asDoubles();
    double[] next = f.get("next_state").asDoubles();
    int n = f.get("state").dim(0);
    for (int i = 0; i < n; i++) {
      double[] s = new double[4];
      System.arraycopy(states, 4 * i, s, 0, 4);
      for (int a = 0; a < 3; a++) {
        AcrobotEnv env = startedAt(s);
        env.step(action(a));
        double[] expected = new double[4];
        System.arraycopy(next, 12 * i + 4 * a, expected, 0, 4);
        assertThat(env.state())
            .as("state %d action %d", i, a)
            .containsExactly(expected, within(1e-9));
      }
    }
  }

  @Test
  void restingStraightDownStaysThereWithoutTorque() {
    AcrobotEnv env = startedAt(0, 0, 0, 0);
    StepResult r = env.step(action(1));
    // Gravity's torque is cos(-pi/2) = 6e-17 rather than 0: the equilibrium holds to rounding.
    assertThat(env.state()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-15));
    assertThat(r.reward()).isEqualTo(-1.0);
    assertThat(r.terminated()).isFalse();
    assertThat(r.observation())
        .containsExactly(new float[] {1f, 0f, 1f, 0f, 0f, 0f}, within(1e-12f));
  }

  @Test
  void positiveTorqueAcceleratesTheSecondJointForwardFromRest() {
    // +1 N m on the middle joint turns link 2 forward and, by reaction, link 1 backward.
    AcrobotEnv env = startedAt(0, 0, 0, 0);
    env.step(action(2));
    double[] s = env.state();
    assertThat(s[3]).isPositive();
    assertThat(s[2]).isNegative();
  }

  @Test
  void tipAboveTheBarTerminatesWithRewardZero() {
    // Link 1 straight up, link 2 in line with it: the tip is 2 above the bar.
    AcrobotEnv env = startedAt(Math.PI - 1e-3, 0, 0, 0);
    StepResult r = env.step(action(1));
    assertThat(r.terminated()).isTrue();
    assertThat(r.reward()).isEqualTo(0.0);
  }

  @Test
  void speedsAreClippedAndAnglesWrapped() {
    AcrobotEnv env = startedAt(3.1, -3.1, 4 * Math.PI, 9 * Math.PI);
    env.step(action(2));
    double[] s = env.state();
    assertThat(s[0]).isBetween(-Math.PI, Math.PI);
    assertThat(s[1]).isBetween(-Math.PI, Math.PI);
    assertThat(Math.abs(s[2])).isLessThanOrEqualTo(4 * Math.PI);
    assertThat(Math.abs(s[3])).isLessThanOrEqualTo(9 * Math.PI);
  }

  @Test
  void startsNearRestAndTruncatesAt500() {
    AcrobotEnv env = new AcrobotEnv();
    float[] o = env.reset(5);
    for (double v : env.state()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1);
    }
    assertThat(o).hasSize(6);
    StepResult r = null;
    int t = 0;
    do {
      r = env.step(action(1)); // no torque from near rest never reaches the bar
      t++;
    } while (!r.terminated() && !r.truncated());
    assertThat(t).isEqualTo(AcrobotEnv.MAX_EPISODE_STEPS);
    assertThat(r.truncated()).isTrue();
  }

  private static Path fixture() throws URISyntaxException {
    return Path.of(AcrobotEnvTest.class.getResource("/fixtures/acrobot/steps.npz").toURI());
  }
}
