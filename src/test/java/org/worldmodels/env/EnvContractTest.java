package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gymnasium's contract, checked on every environment {@link Envs} can make. */
class EnvContractTest {
  private static final int EPISODES = 3;

  /** Actions fixed in advance, so two environments see exactly the same ones. */
  private static List<float[]> actions(Env env, long seed, int n) {
    java.util.random.RandomGenerator rng = org.worldmodels.util.Seeds.stream(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(env.actionSpace().sample(rng));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void sameSeedSameTrajectory(String id) {
    try (Env a = Envs.make(id);
        Env b = Envs.make(id)) {
      List<float[]> acts = actions(a, 99, EPISODES * a.maxEpisodeSteps());
      int k = 0;
      for (int episode = 0; episode < EPISODES; episode++) {
        // Episode 0 is seeded, the others continue the stream: both must be reproducible.
        float[] oa = episode == 0 ? a.reset(123) : a.reset();
        float[] ob = episode == 0 ? b.reset(123) : b.reset();
        assertArrayEquals(oa, ob, "episode " + episode + " reset: observations differ");
        for (int step = 0; step < a.maxEpisodeSteps(); step++) {
          float[] act = acts.get(k++);
          StepResult ra = a.step(act);
          StepResult rb = b.step(act);
          String where = "step " + step + " of episode " + episode + ": ";
          assertArrayEquals(ra.observation(), rb.observation(), where + "observations differ");
          assertEquals(ra.reward(), rb.reward(), 0.0, where + "rewards differ");
          assertEquals(ra.terminated(), rb.terminated(), where + "terminated differs");
          assertEquals(ra.truncated(), rb.truncated(), where + "truncated differs");
          if (ra.done()) {
            break;
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void differentSeedsGiveDifferentStarts(String id) {
    try (Env env = Envs.make(id)) {
      assertThat(env.reset(1)).isNotEqualTo(env.reset(2));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void resetWithSeedRestartsTheStreamWhateverCameBefore(String id) {
    try (Env fresh = Envs.make(id);
        Env used = Envs.make(id, 777)) {
      used.reset();
      used.step(used.actionSpace().sample(new java.util.SplittableRandom(1)));
      used.reset();
      assertThat(used.reset(42)).containsExactly(fresh.reset(42));
      assertThat(used.reset()).containsExactly(fresh.reset());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void resetWithoutSeedContinuesTheStream(String id) {
    try (Env env = Envs.make(id)) {
      float[] seeded = env.reset(42);
      float[] next = env.reset();
      float[] after = env.reset();
      assertThat(next).isNotEqualTo(seeded);
      assertThat(after).isNotEqualTo(next);
      // Reseeding with the same seed replays the same sequence of starts.
      assertThat(env.reset(42)).containsExactly(seeded);
      assertThat(env.reset()).containsExactly(next);
      assertThat(env.reset()).containsExactly(after);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void constructorSeedDrivesResetBeforeAnyReseed(String id) {
    try (Env a = Envs.make(id, 5);
        Env b = Envs.make(id, 5);
        Env c = Envs.make(id, 6)) {
      float[] first = a.reset();
      assertThat(b.reset()).containsExactly(first);
      assertThat(c.reset()).isNotEqualTo(first);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void stepBeforeResetIsRefused(String id) {
    try (Env env = Envs.make(id)) {
      float[] action = new float[env.actionSpace().dimension()];
      assertThatThrownBy(() -> env.step(action))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(id + ": call reset before step");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void wrongActionLengthNamesBothLengths(String id) {
    try (Env env = Envs.make(id)) {
      env.reset(0);
      int expected = env.actionSpace().dimension();
      assertThatThrownBy(() -> env.step(new float[expected + 1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("action must have length " + expected)
          .hasMessageContaining("found length " + (expected + 1));
      assertThatThrownBy(() -> env.step(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("action must not be null");
      // A refused action does not consume the step: the episode goes on.
      assertThat(env.step(env.actionSpace().sample(new java.util.SplittableRandom(0)))).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void closedEnvRefusesUseAndClosesTwice(String id) {
    Env env = Envs.make(id);
    env.reset(0);
    env.close();
    env.close();
    assertThatThrownBy(() -> env.reset(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(id + " is closed");
    assertThatThrownBy(() -> env.step(new float[env.actionSpace().dimension()]))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels"})
  void resetStartsInTheObservationSpace(String id) {
    try (Env env = Envs.make(id)) {
      for (long seed = 0; seed < 100; seed++) {
        float[] obs = env.reset(seed);
        if (!env.observationSpace().contains(obs)) {
          fail(
              "seed "
                  + seed
                  + ": "
                  + java.util.Arrays.toString(obs)
                  + " outside "
                  + env.observationSpace());
        }
      }
    }
  }
}
