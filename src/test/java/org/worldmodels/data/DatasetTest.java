package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loaded datasets: spec from file or inferred, summary flags and the content fingerprint. */
class DatasetTest {
  @TempDir Path dir;

  @Test
  void withoutSpecTheActionBoxSpansTheData() throws IOException {
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), TestEpisodes.traced(0, 4));
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(1)), TestEpisodes.traced(5, 2));
    Dataset data = EpisodeStore.load(dir);
    assertFalse(data.specGiven());
    assertEquals(TestEpisodes.Z, data.zSize());
    assertEquals(TestEpisodes.A, data.actionSize());
    ActionSpec.Box box = (ActionSpec.Box) data.spec().action();
    // action[t] = [id + 0.25, t + 0.5] over ids 0 and 5, t < 4.
    assertArrayEquals(new double[] {0.25, 0.5}, box.low());
    assertArrayEquals(new double[] {5.25, 3.5}, box.high());
    assertEquals(6, data.transitions());
    assertEquals(4, data.length(0));
  }

  @Test
  void specFileIsUsedAndCheckedAgainstTheData() throws IOException {
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), TestEpisodes.traced(0, 4));
    DataSpec spec = new DataSpec(3, new ActionSpec.Discrete(2), 500, "test");
    EpisodeStore.writeSpec(dir, spec);
    Dataset data = EpisodeStore.load(dir);
    assertTrue(data.specGiven());
    assertEquals(spec, data.spec());

    EpisodeStore.writeSpec(dir, new DataSpec(4, new ActionSpec.Discrete(2), null, null));
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(
            dir.resolve("spec.json")
                + ": z_size 4 and action size 2 do not match the data: z size 3 and action size 2"
                + " in "
                + dir.resolve(EpisodeStore.fileName(0)));
  }

  @Test
  void malformedSpecFileIsRefusedNamingIt() throws IOException {
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), TestEpisodes.traced(0, 4));
    Files.writeString(dir.resolve("spec.json"), "{\"z_size\": ");
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(dir.resolve("spec.json") + ": ");
  }

  @Test
  void episodesWithoutRewardsOrEndsHaveNeither() {
    Episode plain = Episode.ofTransitions(new float[3][2], new float[2][1]);
    Dataset none = Dataset.of(List.of(plain), null);
    assertFalse(none.hasNonZeroReward());
    assertFalse(none.hasTerminated());
  }

  @Test
  void flagsSeeRewardsAndTerminalSteps() {
    Dataset odd = Dataset.of(List.of(TestEpisodes.traced(1, 3)), null);
    assertTrue(odd.hasNonZeroReward());
    assertFalse(odd.hasTerminated()); // odd ids are truncated, not terminated
    Dataset even = Dataset.of(List.of(TestEpisodes.traced(1, 3), TestEpisodes.traced(2, 3)), null);
    assertTrue(even.hasTerminated());
  }

  @Test
  void inMemoryWidthMismatchNamesEpisodes() {
    assertThatThrownBy(
            () ->
                Dataset.of(
                    List.of(
                        TestEpisodes.traced(0, 2),
                        Episode.ofTransitions(new float[2][4], new float[1][2])),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "episode 1: key 'z': z size 4 differs from z size 3 in episode 0; every episode needs"
                + " the same width");
    assertThatThrownBy(() -> Dataset.of(List.of(), null))
        .hasMessage("a dataset needs at least one episode");
  }

  @Test
  void plainEpisodesAreTheSameForTrainingAndEvaluation() {
    Dataset data = Dataset.of(List.of(TestEpisodes.traced(0, 3)), null);
    assertSame(data.episode(0), data.episodeForTraining(0, 7, 42));
    assertFalse(data.isSeries(0));
  }

  @Test
  void fingerprintDependsOnContentNotOnLocation() throws IOException {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    for (Path d : List.of(a, b)) {
      EpisodeStore.write(d.resolve(EpisodeStore.fileName(0)), TestEpisodes.traced(0, 3));
      EpisodeStore.write(d.resolve(EpisodeStore.fileName(1)), TestEpisodes.traced(1, 5));
    }
    String fa = EpisodeStore.load(a).fingerprint();
    assertEquals(64, fa.length());
    assertEquals(fa, EpisodeStore.load(b).fingerprint());
    assertEquals(
        fa,
        Dataset.of(List.of(TestEpisodes.traced(0, 3), TestEpisodes.traced(1, 5)), null)
            .fingerprint());

    Episode changed = TestEpisodes.traced(1, 5);
    changed.reward()[4] += 1e-3f;
    EpisodeStore.write(b.resolve(EpisodeStore.fileName(1)), changed);
    assertNotEquals(fa, EpisodeStore.load(b).fingerprint());
    Episode flag = TestEpisodes.traced(1, 5);
    flag.truncated()[4] = false;
    assertNotEquals(fa, Dataset.of(List.of(TestEpisodes.traced(0, 3), flag), null).fingerprint());
    assertNotEquals(
        fa,
        Dataset.of(List.of(TestEpisodes.traced(1, 5), TestEpisodes.traced(0, 3)), null)
            .fingerprint(),
        "order matters");
  }

  @Test
  void fingerprintIsAFixedValueForFixedData() {
    // Pinned so that a change to the hashed layout is noticed: old checkpoints would no longer
    // match their data. If the layout changes on purpose, bump "worldmodels-dataset-v1".
    Dataset data = Dataset.of(List.of(TestEpisodes.traced(0, 2)), null);
    assertEquals(PINNED, data.fingerprint());
  }

  /**
   * Computed in Python from the layout documented on {@link Dataset#fingerprint()}:
   *
   * <pre>
   * h = hashlib.sha256(b'worldmodels-dataset-v1'); h.update(struct.pack('&lt;biii', 0, 2, 3, 2))
   * h.update(np.array([[0, 0, .5], [0, 1, .5], [0, 2, .5]], '&lt;f4').tobytes())
   * h.update(np.array([[.25, .5], [.25, 1.5]], '&lt;f4').tobytes())
   * h.update(np.array([0, 1], '&lt;f4').tobytes()); h.update(bytes([0, 1])); h.update(bytes([0, 0]))
   * </pre>
   */
  private static final String PINNED =
      "ccfdc882745ebda4407f722d59f3be1135e547fb11c4e3155c772b35cd59b8a5";
}
