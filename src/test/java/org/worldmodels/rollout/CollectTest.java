package org.worldmodels.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.AppliedActions;
import org.worldmodels.env.Box;
import org.worldmodels.env.CartPoleEnv;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.NoLatentEncoder;
import org.worldmodels.env.Spaces;
import org.worldmodels.env.StepResult;
import org.worldmodels.env.render.CartPoleRenderer;
import org.worldmodels.env.render.PendulumRenderer;
import org.worldmodels.env.render.Renderer;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/**
 * Recorded episodes: reproducibility under the seed rule, the episode format, and actions stored as
 * applied.
 */
class CollectTest {
  @TempDir Path tmp;

  /**
   * Balances the pole by pushing towards where it falls (a PD law on the angle, with a weak pull of
   * the cart back to the centre), so that episodes reach CartPole's time limit.
   */
  static final Policy BALANCING =
      (slot, o, h) -> {
        double u = 10 * o[2] + 2 * o[3] + 0.1 * o[0] + 0.5 * o[1];
        return new Discrete(2).oneHot(u > 0 ? 1 : 0);
      };

  static RealWorld world(String env, int slots) {
    Encoder encoder = Envs.isPixels(env) ? NoLatentEncoder.INSTANCE : IdentityEncoder.INSTANCE;
    return RealWorld.open(() -> Envs.make(env), slots, encoder);
  }

  static List<Episode> collect(String env, int slots, int episodes, long seed) throws IOException {
    try (RealWorld w = world(env, slots)) {
      return Collect.episodes(w, new RandomPolicy(w.actionSpace()), episodes, seed, 0);
    }
  }

  /** One episode whose environment and policy start with {@code seed} itself. */
  static Episode episode(String env, Policy policy, long seed) throws IOException {
    try (RealWorld w = world(env, 1)) {
      EpisodeWriter kept = EpisodeWriter.inMemory();
      Rollouts.run(
          w, policy, new EpisodePlan("t", 1, i -> seed, w.maxEpisodeSteps()), kept, Progress.NONE);
      return kept.episodes().get(0);
    }
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

  private static Rollouts.Totals write(String env, int slots, Path dir, int n, long seed)
      throws IOException {
    try (RealWorld w = world(env, slots)) {
      return Collect.write(w, new RandomPolicy(w.actionSpace()), dir, n, seed, 0, Progress.NONE);
    }
  }

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheSlotCount() throws IOException {
    for (String env : Envs.IDS) {
      Path a = tmp.resolve(env + "-a");
      Rollouts.Totals ra = write(env, 1, a, 4, 5);
      assertEquals(
          List.of(
              "episode_000000.npz",
              "episode_000001.npz",
              "episode_000002.npz",
              "episode_000003.npz",
              "spec.json"),
          names(a),
          env);
      for (int slots : new int[] {1, 3, 8}) {
        Path b = tmp.resolve(env + "-b" + slots);
        assertEquals(ra, write(env, slots, b, 4, 5), env + " slots " + slots);
        for (String name : names(a)) {
          assertArrayEquals(
              bytes(a.resolve(name)), bytes(b.resolve(name)), env + " slots " + slots + " " + name);
        }
      }
    }
  }

  @Test
  void appendedRoundsFollowTheEarlierFilesWithTheirOwnSeeds() throws IOException {
    Path dir = tmp.resolve("rounds");
    write("cartpole", 1, dir, 3, 5);
    String spec = Files.readString(dir.resolve("spec.json"));
    try (RealWorld w = world("cartpole", 2)) {
      Collect.append(w, w, new RandomPolicy(w.actionSpace()), dir, 3, 2, 5, 1, Progress.NONE);
    }
    assertEquals(
        List.of(
            "episode_000000.npz",
            "episode_000001.npz",
            "episode_000002.npz",
            "episode_000003.npz",
            "episode_000004.npz",
            "spec.json"),
        names(dir));
    assertEquals(spec, Files.readString(dir.resolve("spec.json")));
    // Files 3 and 4 are episodes 0 and 1 of round 1: keyed by SeedKey.collect(5, 1, i).
    List<Episode> round1;
    try (RealWorld w = world("cartpole", 1)) {
      round1 = Collect.episodes(w, new RandomPolicy(w.actionSpace()), 2, 5, 1);
    }
    Dataset all = EpisodeStore.load(dir);
    assertEquals(round1.get(0), all.episode(3));
    assertEquals(round1.get(1), all.episode(4));
    assertThat(all.episode(3)).isNotEqualTo(all.episode(0));
  }

  @Test
  void appendingAnotherWorldsEpisodesIsRefusedBeforeAnyEpisode() throws IOException {
    Path dir = tmp.resolve("mixed");
    write("cartpole", 1, dir, 2, 5);
    try (RealWorld w = world("pendulum", 1)) {
      assertThatThrownBy(
              () ->
                  Collect.append(
                      w, w, new RandomPolicy(w.actionSpace()), dir, 2, 1, 5, 1, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("spec.json")
          .hasMessageContaining("pendulum");
    }
    assertThat(names(dir)).hasSize(3);
  }

  @Test
  void slotsAreRecycledAndGiveTheSameEpisodes() throws IOException {
    // 7 episodes over 3 slots: every slot runs two or three episodes in turn.
    List<Episode> one = collect("cartpole", 1, 7, 21);
    for (int slots : new int[] {3, 8}) {
      List<Episode> many = collect("cartpole", slots, 7, 21);
      for (int i = 0; i < 7; i++) {
        assertEquals(one.get(i), many.get(i), "slots " + slots + " episode " + i);
      }
    }
    assertThat(one.get(0).length())
        .isNotEqualTo(one.get(1).length()); // slots end at different steps
  }

  @Test
  void episodeIDependsOnlyOnItsSeedKey() throws IOException {
    List<Episode> run = collect("cartpole", 2, 5, 100);
    long key3 = SeedKey.collect(100, 0, 3).seed();
    Episode alone = episode("cartpole", new RandomPolicy(new Discrete(2)), key3);
    assertEquals(run.get(3), alone);
    assertThat(run.get(0)).isNotEqualTo(run.get(1));
    assertEquals(run.subList(0, 3), collect("cartpole", 1, 3, 100));
  }

  @Test
  void runsAtSeedsZeroAndOneShareNoStartState() throws IOException {
    Set<List<Float>> starts = new HashSet<>();
    for (long seed : new long[] {0, 1}) {
      for (Episode e : collect("pendulum", 4, 50, seed)) {
        List<Float> z0 = new ArrayList<>();
        for (float v : e.z()[0]) {
          z0.add(v);
        }
        starts.add(z0);
      }
    }
    assertEquals(100, starts.size()); // with seed + i, 49 of the 50 would coincide
  }

  @Test
  void writtenFilesReadBackAsTheCollectedEpisodes() throws IOException {
    Path dir = tmp.resolve("d");
    write("cartpole", 2, dir, 3, 40);
    Dataset data = EpisodeStore.load(dir);
    List<Episode> expected = collect("cartpole", 1, 3, 40);
    assertEquals(3, data.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(expected.get(i), data.episode(i), "episode " + i);
    }
  }

  @Test
  void zIsTheObservationTrajectoryAndRewardsAndFlagsAreTheSteps() throws IOException {
    Episode e = episode("cartpole", new RandomPolicy(new Discrete(2)), 77);
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
    Policy scores = (slot, o, h) -> new float[] {0.3f, o[2] > 0 ? 0.9f : -0.9f};
    try (RealWorld w = world("cartpole", 2)) {
      Collect.write(w, scores, dir, 2, 0, 0, Progress.NONE);
    }
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
    try (RealWorld w = world("pendulum", 1)) {
      assertEquals(
          new DataSpec(3, new ActionSpec.Box(new double[] {-2}, new double[] {2}), 200, "pendulum"),
          w.spec());
    }
  }

  @Test
  void cartPoleEpisodesThatSurviveAreTruncatedAtFiveHundred() throws IOException {
    try (RealWorld w = world("cartpole", 2)) {
      for (Episode e : Collect.episodes(w, BALANCING, 3, 11, 0)) {
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
  }

  @Test
  void pendulumActionsAreStoredClipped() throws IOException {
    float[] asked = {5f, -7f, 1.5f, -2f, 2.5f};
    int[] t = new int[1];
    Policy wild =
        new Policy() {
          @Override
          public float[] act(int slot, float[] z, float[] h) {
            return new float[] {asked[t[0]++ % asked.length]};
          }

          @Override
          public void start(int slot, long episode, long seed) {
            t[0] = 0;
          }
        };
    Episode e = episode("pendulum", wild, 3);
    assertEquals(200, e.length());
    assertThat(e.truncated()[199]).isTrue();
    float[] expected = {2f, -2f, 1.5f, -2f, 2f};
    for (int i = 0; i < e.length(); i++) {
      assertEquals(expected[i % expected.length], e.action()[i][0], "step " + i);
    }
  }

  @Test
  void policyIsStartedWithEachEpisodesIndexAndSeed() throws IOException {
    List<Long> episodes = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    Policy recording =
        new Policy() {
          @Override
          public float[] act(int slot, float[] z, float[] h) {
            return new float[] {0f};
          }

          @Override
          public void start(int slot, long episode, long seed) {
            episodes.add(episode);
            seeds.add(seed);
          }
        };
    try (RealWorld w = world("pendulum", 1)) {
      Collect.episodes(w, recording, 3, -1, 2);
    }
    assertEquals(List.of(0L, 1L, 2L), episodes);
    assertEquals(
        List.of(
            SeedKey.collect(-1, 2, 0).seed(),
            SeedKey.collect(-1, 2, 1).seed(),
            SeedKey.collect(-1, 2, 2).seed()),
        seeds);
  }

  @Test
  void encoderTurnsObservationsIntoLatents() throws IOException {
    Encoder firstTwo =
        new Encoder() {
          @Override
          public float[] encode(float[] o) {
            return new float[] {o[0], o[1]};
          }

          @Override
          public int zSize(org.worldmodels.env.Space observationSpace) {
            return 2;
          }
        };
    List<Episode> full = collect("pendulum", 1, 1, 0);
    try (RealWorld w = RealWorld.open(() -> Envs.make("pendulum"), 1, firstTwo)) {
      Episode e = Collect.episodes(w, new RandomPolicy(w.actionSpace()), 1, 0, 0).get(0);
      assertEquals(2, e.zSize());
      assertEquals(2, w.spec().zSize());
      for (int t = 0; t <= e.length(); t++) {
        float[] z = full.get(0).z()[t];
        assertArrayEquals(new float[] {z[0], z[1]}, e.z()[t], "t=" + t);
      }
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
    try (RealWorld w = world("cartpole", 2)) {
      Collect.write(w, new RandomPolicy(w.actionSpace()), tmp.resolve("p"), 3, 0, 0, p);
    }
    assertEquals(List.of(1L, 2L, 3L), done);
  }

  @Test
  void episodeCountOutsideTheRangeIsRefused() {
    try (RealWorld w = world("cartpole", 1)) {
      Policy p = new RandomPolicy(w.actionSpace());
      assertThatThrownBy(() -> Collect.episodes(w, p, 0, 0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("episodes must be in [1, 1000000], got 0");
      assertThatThrownBy(
              () -> Collect.write(w, p, tmp.resolve("x"), 1_000_001, 0, 0, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Files.exists(tmp.resolve("x"))).isFalse();
  }

  @Test
  void appliedActions() {
    assertArrayEquals(
        new float[] {0f, 1f}, AppliedActions.of(new Discrete(2), new float[] {0.2f, 0.7f}));
    assertArrayEquals(
        new float[] {1f, 0f, 0f}, AppliedActions.of(new Discrete(3), new float[] {1f, 1f, 0f}));
    Box box = new Box(new float[] {-2f, -1f}, new float[] {2f, 1f});
    assertArrayEquals(new float[] {2f, -1f}, AppliedActions.of(box, new float[] {3f, -4f}));
    float[] in = {0.5f, 9f};
    assertThat(AppliedActions.into(box, in, in)).isSameAs(in).containsExactly(0.5f, 1f);
    assertThatThrownBy(() -> AppliedActions.of(new Discrete(2), new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AppliedActions.of(box, new float[] {Float.NaN, 0f}))
        .hasMessageContaining("NaN at index 0");
  }

  @Test
  void spacesConvertBothWays() {
    ActionSpec box = new ActionSpec.Box(new double[] {-2, 0}, new double[] {2, 1});
    assertEquals(new Box(new float[] {-2f, 0f}, new float[] {2f, 1f}), Spaces.space(box));
    assertEquals(box, Spaces.actionSpec(Spaces.space(box)));
    assertEquals(new Discrete(3), Spaces.space(new ActionSpec.Discrete(3)));
    assertEquals(new ActionSpec.Discrete(3), Spaces.actionSpec(new Discrete(3)));
  }

  @Test
  void pixelEpisodesHoldFramesOfTheirStatesAndNoZ() throws IOException {
    for (String plain : new String[] {"cartpole", "pendulum"}) {
      String pixels = plain + "-pixels";
      Path dir = tmp.resolve(pixels);
      int size = 24;
      try (RealWorld w =
          RealWorld.open(() -> Envs.make(pixels, 0, size), 2, NoLatentEncoder.INSTANCE)) {
        Collect.write(w, new RandomPolicy(w.actionSpace()), dir, 3, 4, 0, Progress.NONE);
      }
      JsonNode spec = Json.readTree(dir.resolve("spec.json"));
      assertThat(spec.has("z_size")).as(pixels).isFalse();
      assertThat(spec.has("encoder")).as(pixels).isFalse();
      assertEquals("image", spec.get("observation").get("type").asText());
      assertEquals("[24,24,3]", spec.get("observation").get("shape").toString());
      assertEquals(pixels, spec.get("env").asText());
      // The same seed in the state environment: the same episodes, whose z is our state.
      List<Episode> states = collect(plain, 1, 3, 4);
      Renderer renderer =
          plain.equals("cartpole") ? new CartPoleRenderer(size) : new PendulumRenderer(size);
      byte[] drawn = new byte[renderer.frameBytes()];
      for (int i = 0; i < 3; i++) {
        Episode e = EpisodeStore.read(dir.resolve(EpisodeStore.fileName(i)));
        Episode s = states.get(i);
        String at = pixels + " episode " + i;
        assertThat(e.hasZ()).as(at).isFalse();
        assertThat(e.state()).as(at).isDeepEqualTo(s.z());
        assertThat(e.action()).as(at).isDeepEqualTo(s.action());
        assertArrayEquals(s.reward(), e.reward(), at);
        assertArrayEquals(s.terminated(), e.terminated(), at);
        assertArrayEquals(s.truncated(), e.truncated(), at);
        assertEquals(size, e.frames().height(), at);
        for (int t = 0; t <= e.length(); t++) {
          renderer.render(e.state()[t], drawn);
          assertArrayEquals(drawn, e.frames().frame(t), at + " frame " + t);
        }
      }
    }
  }
}
