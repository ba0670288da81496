package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/** Recorded episodes: reproducibility, the episode format, and actions stored as applied. */
class CollectorTest {
  @TempDir Path tmp;

  /**
   * Balances the pole by pushing towards where it falls (a PD law on the angle, with a weak pull of
   * the cart back to the centre), so that episodes reach CartPole's time limit.
   */
  static final class BalancingPolicy implements Policy {
    @Override
    public float[] act(float[] o) {
      double u = 10 * o[2] + 2 * o[3] + 0.1 * o[0] + 0.5 * o[1];
      return new Discrete(2).oneHot(u > 0 ? 1 : 0);
    }
  }

  private static Collector randomCollector(String env, long policySeed) {
    Env e = Envs.make(env);
    return new Collector(e, new RandomPolicy(e.actionSpace(), policySeed));
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesEqualEpisodesAndByteIdenticalFiles() throws IOException {
    for (String env : Envs.IDS) {
      Path a = tmp.resolve(env + "-a");
      Path b = tmp.resolve(env + "-b");
      CollectResult ra = randomCollector(env, 5).write(a, 4, 5, Progress.NONE);
      CollectResult rb = randomCollector(env, 5).write(b, 4, 5, Progress.NONE);
      assertEquals(ra, rb, env);
      assertEquals(
          List.of(
              "episode_000000.npz",
              "episode_000001.npz",
              "episode_000002.npz",
              "episode_000003.npz",
              "spec.json"),
          names(a),
          env);
      for (String name : names(a)) {
        assertArrayEquals(bytes(a.resolve(name)), bytes(b.resolve(name)), env + " " + name);
      }
      assertEquals(
          randomCollector(env, 5).collect(4, 5), randomCollector(env, 5).collect(4, 5), env);
    }
  }

  @Test
  void episodeIDependsOnlyOnSeedPlusI() {
    Collector c = randomCollector("cartpole", 9);
    List<Episode> run = c.collect(5, 100);
    // A fresh collector asked for seed 103 alone gives episode 3, whatever ran before.
    assertEquals(run.get(3), randomCollector("cartpole", 9).episode(103));
    assertThat(run.get(0)).isNotEqualTo(run.get(1));
    assertThat(randomCollector("cartpole", 9).collect(5, 101).get(0)).isEqualTo(run.get(1));
  }

  @Test
  void differentSeedsGiveDifferentEpisodes() {
    assertThat(randomCollector("pendulum", 0).episode(1))
        .isNotEqualTo(randomCollector("pendulum", 0).episode(2));
  }

  @Test
  void writtenFilesReadBackAsTheCollectedEpisodes() throws IOException {
    Path dir = tmp.resolve("d");
    randomCollector("cartpole", 3).write(dir, 3, 40, Progress.NONE);
    Dataset data = EpisodeStore.load(dir);
    List<Episode> expected = randomCollector("cartpole", 3).collect(3, 40);
    assertEquals(3, data.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i), data.episode(i), "episode " + i);
    }
  }

  @Test
  void zIsTheObservationTrajectoryAndRewardsAndFlagsAreTheSteps() {
    Episode e = randomCollector("cartpole", 1).episode(77);
    // Replay the recorded actions in a fresh env: every z must be what the env returned.
    try (Env env = Envs.make("cartpole")) {
      assertArrayEquals(env.reset(77), e.z()[0], "z[0]");
      for (int t = 0; t < e.length(); t++) {
        StepResult r = env.step(e.action()[t]);
        assertArrayEquals(r.observation(), e.z()[t + 1], "step " + t + ": z");
        assertEquals((float) r.reward(), e.reward()[t], "step " + t + ": reward");
        assertEquals(r.terminated(), e.terminated()[t], "step " + t + ": terminated");
        assertEquals(r.truncated(), e.truncated()[t], "step " + t + ": truncated");
      }
    }
    // A random policy drops the pole long before the limit: only the last step ends the episode.
    assertThat(e.length()).isLessThan(CartPoleEnv.MAX_EPISODE_STEPS);
    assertThat(e.terminated()[e.length() - 1]).isTrue();
    for (int t = 0; t < e.length() - 1; t++) {
      assertThat(e.terminated()[t] || e.truncated()[t]).as("step " + t).isFalse();
    }
  }

  @Test
  void discreteActionsAreStoredOneHotAndSpecDescribesTheEnv() throws IOException {
    Path dir = tmp.resolve("cp");
    // Scores rather than one-hots: the collector stores the action the env applied.
    Policy scores = o -> new float[] {0.3f, o[2] > 0 ? 0.9f : -0.9f};
    Env env = Envs.make("cartpole");
    new Collector(env, scores).write(dir, 2, 0, Progress.NONE);
    Discrete space = new Discrete(2);
    for (int i = 0; i < 2; i++) {
      Episode e = EpisodeStore.read(dir.resolve(EpisodeStore.fileName(i)));
      for (int t = 0; t < e.length(); t++) {
        assertThat(space.contains(e.action()[t])).as("episode %d step %d", i, t).isTrue();
      }
    }

    JsonNode raw = Json.readTree(dir.resolve("spec.json"));
    assertEquals(4, raw.get("z_size").asInt());
    assertEquals("discrete", raw.get("action").get("type").asText());
    assertEquals(2, raw.get("action").get("n").asInt());
    assertEquals(500, raw.get("max_episode_steps").asInt());
    assertEquals("cartpole", raw.get("env").asText());
    assertEquals(
        new DataSpec(4, new ActionSpec.Discrete(2), 500, "cartpole"),
        EpisodeStore.readSpec(dir).orElseThrow());
  }

  @Test
  void pendulumSpecIsABoxWithTheTorqueBounds() {
    DataSpec spec = randomCollector("pendulum", 0).spec();
    assertEquals(
        new DataSpec(3, new ActionSpec.Box(new double[] {-2}, new double[] {2}), 200, "pendulum"),
        spec);
  }

  @Test
  void cartPoleEpisodesThatSurviveAreTruncatedAtFiveHundred() {
    Collector c = new Collector(Envs.make("cartpole"), new BalancingPolicy());
    for (Episode e : c.collect(3, 11)) {
      assertEquals(500, e.length());
      assertEquals(501, e.z().length);
      for (int t = 0; t < 499; t++) {
        assertThat(e.terminated()[t] || e.truncated()[t]).as("step " + t).isFalse();
      }
      assertThat(e.truncated()[499]).isTrue();
      assertThat(e.terminated()[499]).isFalse();
      for (float r : e.reward()) {
        assertEquals(1f, r);
      }
    }
  }

  @Test
  void pendulumActionsAreStoredClipped() {
    float[] asked = {5f, -7f, 1.5f, -2f, 2.5f};
    Policy wild =
        new Policy() {
          private int t;

          @Override
          public float[] act(float[] o) {
            return new float[] {asked[t++ % asked.length]};
          }

          @Override
          public void reset(long seed) {
            t = 0;
          }
        };
    Episode e = new Collector(Envs.make("pendulum"), wild).episode(3);
    assertEquals(200, e.length());
    assertThat(e.truncated()[199]).isTrue();
    float[] expected = {2f, -2f, 1.5f, -2f, 2f};
    for (int t = 0; t < e.length(); t++) {
      assertEquals(expected[t % expected.length], e.action()[t][0], "step " + t);
    }
  }

  @Test
  void policyIsResetWithEachEpisodeSeed() {
    List<Long> seeds = new ArrayList<>();
    Policy recording =
        new Policy() {
          @Override
          public float[] act(float[] o) {
            return new float[] {0f};
          }

          @Override
          public void reset(long seed) {
            seeds.add(seed);
          }
        };
    new Collector(Envs.make("pendulum"), recording).collect(3, -1);
    assertEquals(List.of(-1L, 0L, 1L), seeds);
  }

  @Test
  void encoderTurnsObservationsIntoLatents() {
    Encoder firstTwo =
        new Encoder() {
          @Override
          public float[] encode(float[] o) {
            return new float[] {o[0], o[1]};
          }

          @Override
          public int zSize(Space observationSpace) {
            return 2;
          }
        };
    Env env = Envs.make("pendulum");
    Collector c = new Collector(env, new RandomPolicy(env.actionSpace(), 0), firstTwo);
    Episode e = c.episode(0);
    assertEquals(2, e.zSize());
    assertEquals(2, c.spec().zSize());
    Episode full = randomCollector("pendulum", 0).episode(0);
    for (int t = 0; t <= e.length(); t++) {
      assertArrayEquals(new float[] {full.z()[t][0], full.z()[t][1]}, e.z()[t], "t=" + t);
    }
  }

  @Test
  void progressReportsEachEpisode() throws IOException {
    List<Long> done = new ArrayList<>();
    Progress p =
        new Progress() {
          @Override
          public void update(long d, String extra) {
            done.add(d);
          }
        };
    randomCollector("cartpole", 0).write(tmp.resolve("p"), 3, 0, p);
    assertEquals(List.of(1L, 2L, 3L), done);
  }

  @Test
  void episodeCountOutsideTheRangeIsRefused() {
    Collector c = randomCollector("cartpole", 0);
    assertThatThrownBy(() -> c.collect(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episodes must be in [1, 1000000], got 0");
    assertThatThrownBy(() -> c.write(tmp.resolve("x"), 1_000_001, 0, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(tmp.resolve("x"))).isFalse();
  }

  @Test
  void appliedActions() {
    assertArrayEquals(
        new float[] {0f, 1f}, AppliedActions.of(new Discrete(2), new float[] {0.2f, 0.7f}));
    assertArrayEquals(
        new float[] {1f, 0f, 0f}, AppliedActions.of(new Discrete(3), new float[] {1f, 1f, 0f}));
    assertArrayEquals(
        new float[] {2f, -1f},
        AppliedActions.of(
            new Box(new float[] {-2f, -1f}, new float[] {2f, 1f}), new float[] {3f, -4f}));
    assertThatThrownBy(() -> AppliedActions.of(new Discrete(2), new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
