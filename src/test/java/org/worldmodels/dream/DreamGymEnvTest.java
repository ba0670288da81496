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
import org.worldmodels.env.Policy;
import org.worldmodels.env.RandomPolicy;
import org.worldmodels.env.StepResult;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;

/** A policy written for a real environment runs in the dream unchanged. */
class DreamGymEnvTest {
  static List<float[]> episode(Env env, Policy policy, long seed) {
    List<float[]> obs = new ArrayList<>();
    obs.add(env.reset(seed));
    policy.reset(seed);
    StepResult r;
    do {
      r = env.step(policy.act(obs.get(obs.size() - 1)));
      obs.add(r.observation());
    } while (!r.terminated() && !r.truncated());
    return obs;
  }

  @Test
  void runsAnEnvPolicyWithGymnasiumSemantics() throws Exception {
    InitialLatents starts =
        InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(4, 3, 2), null));
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal());
        DreamGymEnv env = new DreamGymEnv(m, starts, DreamOptions.builder().seed(5).build(), 12)) {
      assertThat(env.actionSpace()).isInstanceOf(Box.class);
      assertThat(env.actionSpace().dimension()).isEqualTo(1);
      assertThat(env.observationSpace().dimension()).isEqualTo(2);
      assertThatThrownBy(() -> env.step(new float[] {0f}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("reset");
      Policy p = new RandomPolicy(env.actionSpace(), 3);
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
}
