package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.env.Box;
import org.worldmodels.env.Env;
import org.worldmodels.env.StepResult;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RandomPolicy;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;

/** A policy written for a real environment runs in the dream unchanged. */
class DreamGymEnvTest {
  static List<float[]> episode(Env env, Policy policy, long seed) {
    List<float[]> obs = new ArrayList<>();
    obs.add(env.reset(seed));
    policy.start(0, 0, seed);
    StepResult r;
    do {
      r = env.step(policy.act(0, obs.get(obs.size() - 1), new float[0]));
      obs.add(r.observation());
    } while (!r.terminated() && !r.truncated());
    return obs;
  }

  @Test
  void runsAnEnvPolicyWithGymnasiumSemantics() throws Exception {
    InitialLatents starts =
        InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(4, 3, 2), null));
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamGymEnv env =
            new DreamGymEnv(
                m::dreamEnv, m.spec(), starts, DreamOptions.builder().seed(5).build(), 12)) {
      assertThat(env.actionSpace()).isInstanceOf(Box.class);
      assertThat(env.actionSpace().dimension()).isEqualTo(1);
      assertThat(env.observationSpace().dimension()).isEqualTo(2);
      assertThatThrownBy(() -> env.step(new float[] {0f}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("reset");
      Policy p = new RandomPolicy(env.actionSpace());
      List<float[]> a = episode(env, p, 7);
      assertThat(a).hasSize(13); // no done head: truncated at the 12-step limit
      List<float[]> b = episode(env, p, 7);
      for (int t = 0; t < a.size(); t++) {
        assertThat(b.get(t)).as("step " + t).isEqualTo(a.get(t));
      }
      List<float[]> c = episode(env, p, 8);
      assertThat(c.get(12)).isNotEqualTo(a.get(12));
      assertThat(env.hidden()).hasSize(m.config().hidden());
      assertThatThrownBy(() -> env.step(new float[] {0f, 1f}))
          .isInstanceOf(IllegalStateException.class); // episode over: reset first
    }
  }

  @Test
  void refusedArgumentsOpenNoDream() throws Exception {
    InitialLatents starts =
        InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(4, 3, 2), null));
    InitialLatents wide =
        InitialLatents.from(
            Dataset.of(
                List.of(
                    org.worldmodels.data.Episode.ofTransitions(new float[2][3], new float[1][1])),
                null));
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      List<DreamEnv> opened = new ArrayList<>();
      java.util.function.Function<DreamOptions, DreamEnv> dreams =
          o -> {
            DreamEnv d = m.dreamEnv(o);
            opened.add(d);
            return d;
          };
      DreamOptions o = DreamOptions.builder().seed(5).build();
      assertThatThrownBy(() -> new DreamGymEnv(dreams, m.spec(), starts, o, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("max steps must be >= 1, got 0");
      assertThatThrownBy(() -> new DreamGymEnv(dreams, m.spec(), wide, o, 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("initial latents have size 3; the model expects 2");
      assertThat(opened).isEmpty();
      try (DreamGymEnv env = new DreamGymEnv(dreams, m.spec(), starts, o, 5)) {
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).batchSize()).isEqualTo(1);
      }
      assertThatThrownBy(() -> opened.get(0).hidden()).isInstanceOf(IllegalStateException.class);
    }
  }
}
