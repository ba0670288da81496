package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Progress;

/** CMA-ES in the dream: batched, reproducible, and never touching a real environment. */
class DreamControlTrainingTest {
  static final DreamControlTraining.Settings SETTINGS =
      new DreamControlTraining.Settings(6, 3, 2, 5, 0.5, 7);

  static DreamControlTraining.Result train(WorldModel m, Function<DreamOptions, DreamEnv> dreams) {
    ControllerSpec spec = ControllerSpec.linear(2, m.config().hidden(), m.spec().action());
    InitialLatents starts =
        InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(5, 3, 1), null));
    return DreamControlTraining.train(
        spec,
        dreams,
        DreamOptions.builder().seed(3).build(),
        starts,
        false,
        SETTINGS,
        Progress.NONE);
  }

  @Test
  void everyRolloutRunsInTheSuppliedDreamOnly() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      List<Integer> batches = new ArrayList<>();
      DreamControlTraining.Result r =
          train(
              m,
              o -> {
                batches.add(o.batchSize());
                return m.dreamEnv(o);
              });
      // One batched dream per generation (population x rollouts rows) and one for the final score.
      assertThat(batches).containsExactly(12, 12, 12, 2);
      assertThat(r.history()).hasSize(3);
      // No done head: every rollout survives all 5 steps.
      assertThat(r.dreamMeanReturn()).isEqualTo(5.0);
    }
  }

  @Test
  void trainingCodeDoesNotReferenceTheRealEnvironments() throws Exception {
    for (Class<?> c : List.of(DreamControlTraining.class, DreamRolloutScores.class)) {
      try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
        String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(c.getName()).doesNotContain("org/worldmodels/env/");
      }
    }
  }

  @Test
  void sameSeedGivesTheSameController() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      double[] a = train(m, m::dreamEnv).controller().parameters();
      double[] b = train(m, m::dreamEnv).controller().parameters();
      assertThat(b).isEqualTo(a);
    }
  }
}
