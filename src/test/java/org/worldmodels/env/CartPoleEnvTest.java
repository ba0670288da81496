package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CartPoleEnvTest {
  private static final float[] LEFT = {1f, 0f};
  private static final float[] RIGHT = {0f, 1f};
  private static final double THRESHOLD = 12 * 2 * Math.PI / 360;

  /**
   * An independent re-derivation of one CartPole-v1 step: the pole's angular acceleration from the
   * torque balance about the hinge, written with the pole's moment arm and the cart's reaction
   * force, then explicit Euler.
   */
  private static double[] expectedStep(double[] s, int action) {
    double g = 9.8;
    double mc = 1.0;
    double mp = 0.1;
    double l = 0.5; // half-length
    double f = action == 1 ? 10.0 : -10.0;
    double dt = 0.02;
    double th = s[2];
    double w = s[3];
    double m = mc + mp;
    double a = (f + mp * l * w * w * Math.sin(th)) / m;
    double alpha =
        (g * Math.sin(th) - Math.cos(th) * a)
            / (l * (4.0 / 3.0 - mp * Math.pow(Math.cos(th), 2) / m));
    double acc = a - mp * l * alpha * Math.cos(th) / m;
    return new double[] {s[0] + dt * s[1], s[1] + dt * acc, th + dt * w, w + dt * alpha};
  }

  private static CartPoleEnv startedAt(double... s) {
    CartPoleEnv env = new CartPoleEnv();
    env.reset(0);
    env.setState(s[0], s[1], s[2], s[3]);
    return env;
  }

  @Test
  void fromRestPushingRightMatchesTheClosedFormByHand() {
    // From rest: temp = 10/1.1, thetaacc = -(100/11) / (0.5 * 41/33) = -600/41,
    // xacc = 100/11 + 0.05 * (600/41) / 1.1 = 4400/451.
    CartPoleEnv env = startedAt(0, 0, 0, 0);
    StepResult r = env.step(RIGHT);
    assertThat(env.state())
        .containsExactly(new double[] {0, 0.02 * 4400 / 451, 0, -0.02 * 600 / 41}, within(1e-15));
    assertThat(r.observation()).containsExactly(0f, (float) (88.0 / 451), 0f, (float) (-12.0 / 41));
    assertThat(r.reward()).isEqualTo(1.0);
    assertThat(r.terminated()).isFalse();
    assertThat(r.truncated()).isFalse();
  }

  @ParameterizedTest(name = "state {0},{1},{2},{3} action {4}")
  @CsvSource({
    "0.0, 0.0, 0.0, 0.0, 0",
    "0.01, -0.03, 0.04, 0.02, 1",
    "0.01, -0.03, 0.04, 0.02, 0",
    "-1.5, 0.8, -0.15, 1.7, 1",
    "2.0, -2.5, 0.2, -3.0, 0",
    "0.3, 1.1, -0.19, -0.4, 1"
  })
  void stepMatchesIndependentDerivation(double x, double xd, double th, double thd, int action) {
    double[] s = {x, xd, th, thd};
    CartPoleEnv env = startedAt(s);
    StepResult r = env.step(action == 1 ? RIGHT : LEFT);
    double[] expected = expectedStep(s, action);
    assertThat(env.state()).containsExactly(expected, within(1e-12));
    for (int i = 0; i < 4; i++) {
      assertThat(r.observation()[i]).isCloseTo((float) expected[i], within(1e-6f));
    }
  }

  @Test
  void twoStepsChainFromTheNewState() {
    double[] s = {0.02, 0.1, -0.03, 0.05};
    CartPoleEnv env = startedAt(s);
    env.step(RIGHT);
    env.step(LEFT);
    assertThat(env.state()).containsExactly(expectedStep(expectedStep(s, 1), 0), within(1e-12));
  }

  @Test
  void actionIsDecodedByArgmax() {
    CartPoleEnv a = startedAt(0.1, 0.2, 0.03, -0.1);
    CartPoleEnv b = startedAt(0.1, 0.2, 0.03, -0.1);
    a.step(RIGHT);
    b.step(new float[] {0.2f, 0.7f});
    assertThat(b.state()).containsExactly(a.state());
  }

  @Test
  void positionExactlyAtTheThresholdDoesNotTerminate() {
    // x_dot = 0 keeps the new x at exactly 2.4; only strictly beyond it ends the episode.
    assertThat(startedAt(2.4, 0, 0, 0).step(RIGHT).terminated()).isFalse();
    assertThat(startedAt(-2.4, 0, 0, 0).step(LEFT).terminated()).isFalse();
  }

  @Test
  void positionBeyondTheThresholdTerminatesWithRewardOne() {
    StepResult right = startedAt(2.39, 1.0, 0, 0).step(RIGHT); // new x = 2.41
    assertThat(right.terminated()).isTrue();
    assertThat(right.truncated()).isFalse();
    assertThat(right.reward()).isEqualTo(1.0);
    assertThat(startedAt(-2.39, -1.0, 0, 0).step(LEFT).terminated()).isTrue();
    // The test is on the new x: an old x outside is forgiven if the step brings it back.
    assertThat(startedAt(2.41, -1.0, 0, 0).step(LEFT).terminated()).isFalse();
  }

  @Test
  void angleAtTwelveDegreesDoesNotTerminateButBeyondDoes() {
    assertThat(startedAt(0, 0, THRESHOLD, 0).step(RIGHT).terminated()).isFalse();
    assertThat(startedAt(0, 0, -THRESHOLD, 0).step(LEFT).terminated()).isFalse();
    StepResult over = startedAt(0, 0, THRESHOLD, 0.01).step(RIGHT); // theta + 0.0002
    assertThat(over.terminated()).isTrue();
    assertThat(over.reward()).isEqualTo(1.0);
    assertThat(startedAt(0, 0, -THRESHOLD, -0.01).step(LEFT).terminated()).isTrue();
  }

  @Test
  void stepAfterTerminationIsRefused() {
    CartPoleEnv env = startedAt(2.39, 1.0, 0, 0);
    assertThat(env.step(RIGHT).terminated()).isTrue();
    assertThatThrownBy(() -> env.step(RIGHT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ended at step 1")
        .hasMessageContaining("call reset before step");
  }

  @Test
  void truncatedExactlyAtStep500() {
    CartPoleEnv env = new CartPoleEnv();
    env.reset(3);
    for (int t = 1; t < 500; t++) {
      env.setState(0, 0, 0, 0); // keep the pole up so only the time limit can end it
      StepResult r = env.step(t % 2 == 0 ? LEFT : RIGHT);
      assertThat(r.truncated()).as("step %d", t).isFalse();
      assertThat(r.terminated()).as("step %d", t).isFalse();
    }
    env.setState(0, 0, 0, 0);
    StepResult last = env.step(RIGHT);
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThat(last.reward()).isEqualTo(1.0);
    assertThatThrownBy(() -> env.step(RIGHT)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void terminatingAtStep500IsAlsoTruncated() {
    CartPoleEnv env = new CartPoleEnv();
    env.reset(3);
    for (int t = 1; t < 500; t++) {
      env.setState(0, 0, 0, 0);
      env.step(RIGHT);
    }
    env.setState(2.39, 1.0, 0, 0);
    StepResult last = env.step(RIGHT);
    assertThat(last.terminated()).isTrue();
    assertThat(last.truncated()).isTrue();
    assertThat(last.reward()).isEqualTo(1.0);
  }

  @Test
  void startStateIsUniformInPlusMinus005() {
    CartPoleEnv env = new CartPoleEnv(11);
    float[] min = {1, 1, 1, 1};
    float[] max = {-1, -1, -1, -1};
    for (int i = 0; i < 2000; i++) {
      float[] o = env.reset();
      for (int d = 0; d < 4; d++) {
        assertThat(o[d]).as("reset %d dim %d", i, d).isBetween(-0.05f, 0.05f);
        min[d] = Math.min(min[d], o[d]);
        max[d] = Math.max(max[d], o[d]);
      }
    }
    for (int d = 0; d < 4; d++) {
      // With 2000 draws the extremes of U(-0.05, 0.05) lie within 0.001 of the ends.
      assertThat(min[d]).as("min dim %d", d).isLessThan(-0.049f);
      assertThat(max[d]).as("max dim %d", d).isGreaterThan(0.049f);
    }
  }

  @Test
  void spacesFollowGymnasium() {
    CartPoleEnv env = new CartPoleEnv();
    assertThat(env.actionSpace()).isEqualTo(new Discrete(2));
    Box obs = (Box) env.observationSpace();
    float theta24 = (float) (24 * 2 * Math.PI / 360);
    assertThat(obs.high()).containsExactly(4.8f, Float.MAX_VALUE, theta24, Float.MAX_VALUE);
    assertThat(obs.low()).containsExactly(-4.8f, -Float.MAX_VALUE, -theta24, -Float.MAX_VALUE);
    assertThat(env.maxEpisodeSteps()).isEqualTo(500);
    assertThat(env.id()).isEqualTo("cartpole");
  }

  @Test
  void observationsOfARandomEpisodeStayInTheObservationSpace() {
    CartPoleEnv env = new CartPoleEnv();
    java.util.random.RandomGenerator rng = org.worldmodels.util.Seeds.stream(5);
    float[] obs = env.reset(5);
    StepResult r;
    int steps = 0;
    do {
      r = env.step(env.actionSpace().sample(rng));
      obs = r.observation();
      steps++;
      assertThat(env.observationSpace().contains(obs)).as("step %d: %s", steps, r).isTrue();
    } while (!r.done());
    // A random policy drops the pole long before the time limit.
    assertThat(r.terminated()).isTrue();
    assertThat(steps).isBetween(5, 200);
  }
}
