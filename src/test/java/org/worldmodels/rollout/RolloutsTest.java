package org.worldmodels.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.Spaces;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/** The engine: slots are recycled and change nothing, in the dream and in real environments. */
class RolloutsTest {
  /** Untrained weights with reward and done heads: done fires often, so episodes end unevenly. */
  private static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          3, 2, 8, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);

  private static final DataSpec SPEC =
      new DataSpec(3, new ActionSpec.Box(new double[] {-1, -1}, new double[] {1, 1}), 50, "test");

  private static final int MAX_STEPS = 6;

  private static WorldModel model() {
    return TinyDreams.model(CONFIG, SPEC, 11);
  }

  private static InitialLatents starts() {
    return TinyDreams.starts(SPEC, 5, 3);
  }

  private static DreamOptions options(int batch) {
    return DreamOptions.builder().batchSize(batch).seed(4).backend(Backend.JAVA).build();
  }

  /** Counts the episodes each slot ran. */
  private static final class CountingPolicy implements Policy {
    final Policy inner;
    final int[] starts = new int[16];

    CountingPolicy(Policy inner) {
      this.inner = inner;
    }

    @Override
    public void start(int slot, long episode, long seed) {
      starts[slot]++;
      inner.start(slot, episode, seed);
    }

    @Override
    public float[] act(int slot, float[] z, float[] h) {
      return inner.act(slot, z, h);
    }
  }

  private static List<Episode> dream(WorldModel m, int batch, Policy policy) throws IOException {
    EpisodeWriter kept = EpisodeWriter.inMemory();
    Rollouts.Totals t =
        DreamEpisodes.run(
            m::dreamEnv,
            SPEC.action(),
            options(batch),
            starts(),
            policy,
            20,
            MAX_STEPS,
            kept,
            Progress.NONE);
    assertEquals(20, t.episodes());
    assertEquals(kept.episodes().stream().mapToLong(Episode::length).sum(), t.steps());
    return kept.episodes();
  }

  @Test
  void dreamedEpisodesAreTheSameWhateverTheBatchAndSlotsAreRecycled() throws IOException {
    try (WorldModel m = model()) {
      CountingPolicy one = new CountingPolicy(new RandomPolicy(Spaces.space(SPEC.action())));
      List<Episode> alone = dream(m, 1, one);
      assertEquals(20, one.starts[0]);
      for (int batch : new int[] {3, 8}) {
        CountingPolicy counted = new CountingPolicy(new RandomPolicy(Spaces.space(SPEC.action())));
        List<Episode> batched = dream(m, batch, counted);
        for (int i = 0; i < 20; i++) {
          assertEquals(alone.get(i), batched.get(i), "batch " + batch + " episode " + i);
        }
        for (int s = 0; s < batch; s++) {
          assertThat(counted.starts[s]).as("batch %d slot %d", batch, s).isGreaterThan(1);
        }
      }
      // The done head ends some episodes early, the time limit the others; only the last step ends.
      assertThat(alone).anyMatch(e -> e.length() < MAX_STEPS);
      assertThat(alone).anyMatch(e -> e.length() == MAX_STEPS);
      for (Episode e : alone) {
        int last = e.length() - 1;
        for (int t = 0; t < last; t++) {
          assertThat(e.terminated()[t] || e.truncated()[t]).isFalse();
        }
        assertEquals(e.length() == MAX_STEPS, e.truncated()[last]);
        assertThat(e.terminated()[last] || e.truncated()[last]).isTrue();
      }
    }
  }

  @Test
  void dreamedEpisodeIIsRowIdSeedKeyDreamFromItsStart() throws IOException {
    Policy push = (slot, z, h) -> new float[] {0.5f, -0.5f};
    try (WorldModel m = model()) {
      List<Episode> episodes = dream(m, 3, push);
      InitialLatents starts = starts();
      for (int i : new int[] {0, 7, 19}) {
        long id = SeedKey.dream(4, i).seed();
        Episode e = episodes.get(i);
        try (DreamEnv d = m.dreamEnv(options(1))) {
          float[] z = starts.forEpisode(4, id);
          assertArrayEquals(z, e.z()[0], "episode " + i + " z[0]");
          d.reset(new int[] {0}, new long[] {id}, new float[][] {z});
          for (int t = 0; t < e.length(); t++) {
            DreamStep s = d.step(new float[][] {z}, new float[][] {{0.5f, -0.5f}});
            z = s.z()[0];
            assertArrayEquals(z, e.z()[t + 1], "episode " + i + " step " + t);
            assertEquals(s.reward()[0], e.reward()[t], "episode " + i + " step " + t);
            assertEquals(s.done()[0], e.terminated()[t], "episode " + i + " step " + t);
          }
        }
      }
    }
  }

  /** Episodes of 1 to 5 steps with Gaussian latents and actions in [-1, 1]. */
  private static org.worldmodels.data.Dataset uneven() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
    List<Episode> episodes = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = 1 + i % 5;
      float[][] z = new float[n + 1][3];
      float[][] a = new float[n][2];
      for (int t = 0; t <= n; t++) {
        for (int d = 0; d < 3; d++) {
          z[t][d] = (float) rng.nextGaussian();
        }
        if (t < n) {
          a[t][0] = (float) rng.nextDouble(-1, 1);
          a[t][1] = (float) rng.nextDouble(-1, 1);
        }
      }
      episodes.add(Episode.ofTransitions(z, a));
    }
    return org.worldmodels.data.Dataset.of(episodes, SPEC);
  }

  @Test
  void withAContextEpisodeIStartsAtZkAfterItsPrefixWhateverTheBatch() throws IOException {
    int k = 3;
    InitialLatents starts = InitialLatents.from(uneven(), k);
    Policy push = (slot, z, h) -> new float[] {0.5f, -0.5f};
    try (WorldModel m = model()) {
      List<List<Episode>> runs = new java.util.ArrayList<>();
      for (int batch : new int[] {1, 4}) {
        EpisodeWriter kept = EpisodeWriter.inMemory();
        DreamEpisodes.run(
            m::dreamEnv,
            SPEC.action(),
            options(batch),
            starts,
            push,
            12,
            MAX_STEPS,
            kept,
            Progress.NONE);
        runs.add(kept.episodes());
      }
      assertEquals(runs.get(0), runs.get(1));
      for (int i : new int[] {0, 5, 11}) {
        long id = SeedKey.dream(4, i).seed();
        Episode e = runs.get(0).get(i);
        InitialLatents.Start st = starts.start(4, id);
        assertEquals(k, st.zPrefix().length);
        assertArrayEquals(st.z(), e.z()[0], "episode " + i + " holds the dreamed part only");
        try (DreamEnv d = m.dreamEnv(options(1))) {
          d.condition(
              new int[] {0},
              new long[] {id},
              new float[][][] {st.zPrefix()},
              new float[][][] {st.aPrefix()});
          float[] z = st.z();
          for (int t = 0; t < e.length(); t++) {
            z = d.step(new float[][] {z}, new float[][] {{0.5f, -0.5f}}).z()[0];
            assertArrayEquals(z, e.z()[t + 1], "episode " + i + " step " + t);
          }
        }
      }
      // The prefix matters: from a zero state the same start and stream dream otherwise.
      long id = SeedKey.dream(4, 0).seed();
      float[] z = starts.start(4, id).z();
      try (DreamEnv d = m.dreamEnv(options(1))) {
        d.reset(new int[] {0}, new long[] {id}, new float[][] {z});
        float[] first = d.step(new float[][] {z}, new float[][] {{0.5f, -0.5f}}).z()[0];
        assertThat(first).isNotEqualTo(runs.get(0).get(0).z()[1]);
      }
    }
  }

  @Test
  void rememberingWorldGivesTheSameReturnsWhateverTheSlots() throws IOException {
    MdnRnnConfig config =
        new MdnRnnConfig(
            3, 1, 8, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10);
    MdnRnnCell cell =
        new MdnRnnCell(config, MdnRnnWeights.initial(config, new SplittableRandom(5)));
    // Acts on h, so that a slot seeing another's memory would change the returns.
    Policy onMemory = (slot, z, h) -> new float[] {(float) (2 * Math.tanh(3 * h[0] + z[1]))};
    double[] one = null;
    for (int slots : new int[] {1, 3, 8}) {
      ReturnSums sums = ReturnSums.rewards(10);
      try (BatchedWorld w =
          new RememberingWorld(
              RealWorld.open(() -> Envs.make("pendulum"), slots, IdentityEncoder.INSTANCE), cell)) {
        assertThat(w.hidden()[0]).hasSize(8);
        Rollouts.run(w, onMemory, EpisodePlan.play(9, 0, 10, 200), sums, Progress.NONE);
      }
      if (one == null) {
        one = sums.returns();
      } else {
        assertArrayEquals(one, sums.returns(), "slots " + slots);
      }
    }
    assertThat(one[0]).isNotEqualTo(one[1]);
  }

  @Test
  void stepsSurvivedCountsAndTimeLimitTruncates() throws IOException {
    ReturnSums steps = ReturnSums.steps(4);
    EpisodeWriter kept = EpisodeWriter.inMemory();
    RolloutSink both =
        new RolloutSink() {
          @Override
          public void start(int slot, long episode, float[] z0) {
            kept.start(slot, episode, z0);
          }

          @Override
          public void step(Transition t) {
            steps.step(t);
            kept.step(t);
          }

          @Override
          public void end(int slot, long episode) throws IOException {
            kept.end(slot, episode);
          }
        };
    try (RealWorld w = RealWorld.open(() -> Envs.make("pendulum"), 2, IdentityEncoder.INSTANCE)) {
      Rollouts.run(
          w,
          (slot, z, h) -> new float[] {0f},
          new EpisodePlan("t", 4, i -> i, 7),
          both,
          Progress.NONE);
    }
    assertArrayEquals(new double[] {7, 7, 7, 7}, steps.returns());
    for (Episode e : kept.episodes()) {
      assertThat(e.truncated()[6]).isTrue(); // the plan's limit, before the env's 200
    }
  }

  @Test
  void worldsRefuseWhatDoesNotFit() {
    try (WorldModel m = model()) {
      assertThatThrownBy(
              () ->
                  DreamWorld.open(m::dreamEnv, options(2), 2, new ActionSpec.Discrete(3), starts()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has width 3; the dream takes 2");
      MdnRnnCell wrong = m.cell();
      assertThatThrownBy(
              () ->
                  new RememberingWorld(
                      RealWorld.open(() -> Envs.make("cartpole"), 1, IdentityEncoder.INSTANCE),
                      wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the memory model takes z size 3 and action size 2");
    }
    assertThatThrownBy(() -> new EpisodePlan("t", 1, i -> i, 0))
        .hasMessage("time limit must be >= 1, got 0");
  }
}
