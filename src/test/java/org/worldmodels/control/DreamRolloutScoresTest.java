package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rollout.DreamWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.EpisodeWriter;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.rollout.TinyDreams;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/** CMA-ES scoring: every rollout is its own SeedKey.control row, whatever the population. */
class DreamRolloutScoresTest {
  private static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          3, 2, 8, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
  private static final DataSpec SPEC = new DataSpec(3, new ActionSpec.Discrete(2), 50, "test");
  private static final int MAX_STEPS = 8;
  private static final long SEED = 6;

  private static WorldModel model() {
    return TinyDreams.model(CONFIG, SPEC, 2);
  }

  private static InitialLatents starts() {
    return TinyDreams.starts(SPEC, 6, 1);
  }

  private static DreamOptions options() {
    return DreamOptions.builder().seed(SEED).backend(Backend.JAVA).build();
  }

  private static List<Controller> population(int n) {
    ControllerSpec spec = ControllerSpec.linear(3, 8, SPEC.action());
    SplittableRandom rng = new SplittableRandom(9);
    List<Controller> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(spec.create(rng.doubles(spec.parameterCount(), -1, 1).toArray()));
    }
    return out;
  }

  /** Rollout {@code j} of candidate {@code c}, dreamed alone in a one-row dream. */
  private static Episode alone(WorldModel m, Controller c, int round, int gen, int cand, int j)
      throws IOException {
    EpisodeWriter kept = EpisodeWriter.inMemory();
    long key = SeedKey.control(SEED, round, gen, cand, j).seed();
    try (DreamWorld w = DreamWorld.open(m::dreamEnv, options(), 1, SPEC.action(), starts())) {
      Rollouts.run(w, c, new EpisodePlan("t", 1, i -> key, MAX_STEPS), kept, Progress.NONE);
    }
    return kept.episodes().get(0);
  }

  @Test
  void eachRolloutIsItsControlKeyDreamedAlone() throws IOException {
    List<Controller> pop = population(3);
    try (WorldModel m = model()) {
      DreamRolloutScores rewards =
          new DreamRolloutScores(m::dreamEnv, options(), starts(), MAX_STEPS, true);
      DreamRolloutScores survival =
          new DreamRolloutScores(m::dreamEnv, options(), starts(), MAX_STEPS, false);
      double[][] r = rewards.returns(pop, 2, 1, 4);
      double[][] steps = survival.returns(pop, 2, 1, 4);
      for (int c = 0; c < 3; c++) {
        for (int j = 0; j < 2; j++) {
          Episode e = alone(m, pop.get(c), 1, 4, c, j);
          double sum = 0;
          for (float x : e.reward()) {
            sum += x;
          }
          assertEquals(sum, r[c][j], 0.0, "candidate " + c + " rollout " + j);
          assertEquals(e.length(), steps[c][j], 0.0, "candidate " + c + " rollout " + j);
        }
      }
      // Another generation or round is another key: other starts and streams.
      assertThat(rewards.returns(pop, 2, 1, 5)).isNotEqualTo(r);
      assertThat(rewards.returns(pop, 2, 0, 4)).isNotEqualTo(r);
      // A candidate scores the same whatever else is in the population.
      assertThat(rewards.returns(pop.subList(0, 1), 2, 1, 4)[0]).isEqualTo(r[0]);
    }
  }
}
