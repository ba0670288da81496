package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyArray.DType;
import org.worldmodels.io.NpyFixtures;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Seeds;

/**
 * World Models series files. The float16 fixture series_f16.npz (3 episodes, T = 5, Z = 4, A = 2,
 * done where the flat index is 3 mod 4) is written by src/test/python/make_npy_fixtures.py.
 */
class SeriesTest {
  private static final int N = 3;
  private static final int T = 5;
  private static final int Z = 4;
  private static final int A = 2;

  @TempDir Path dir;
  private Path file;
  private float[] mu;
  private float[] logvar;
  private float[] action;
  private float[] reward;

  @BeforeEach
  void copyFixture() throws IOException {
    file = dir.resolve("series.npz");
    Files.copy(NpyFixtures.path("series_f16.npz"), file);
    Map<String, NpyArray> raw = Npz.read(file);
    assertEquals(DType.FLOAT16, raw.get("mu").dtype());
    mu = raw.get("mu").asFloats();
    logvar = raw.get("logvar").asFloats();
    action = raw.get("action").asFloats();
    reward = raw.get("reward").asFloats();
  }

  @Test
  void eachRowBecomesAnEpisodeOfTMinusOneTransitionsUsingMu() throws IOException {
    Dataset data = EpisodeStore.load(dir);
    assertEquals(N, data.size());
    assertEquals(Z, data.zSize());
    assertEquals(A, data.actionSize());
    for (int n = 0; n < N; n++) {
      Episode e = data.episode(n);
      assertTrue(data.isSeries(n));
      assertEquals(file + "[" + n + "]", data.source(n));
      assertEquals(T - 1, e.length());
      for (int t = 0; t < T; t++) {
        assertArrayEquals(slice(mu, (n * T + t) * Z, Z), e.z()[t], "mu row " + n + ", t " + t);
      }
      for (int t = 0; t < T - 1; t++) {
        assertArrayEquals(slice(action, (n * T + t) * A, A), e.action()[t]);
        assertEquals(reward[n * T + t], e.reward()[t]);
      }
      assertArrayEquals(new boolean[T - 1], e.truncated());
    }
    // done = (flat index % 4 == 3): (0, 3), (1, 2), (2, 1).
    assertArrayEquals(new boolean[] {false, false, false, true}, data.episode(0).terminated());
    assertArrayEquals(new boolean[] {false, false, true, false}, data.episode(1).terminated());
    assertArrayEquals(new boolean[] {false, true, false, false}, data.episode(2).terminated());
  }

  @Test
  void trainingRedrawEqualsMuPlusSigmaTimesSeededNoise() throws IOException {
    Dataset data = EpisodeStore.load(dir);
    long seed = 9;
    long epoch = 3;
    for (int n = 0; n < N; n++) {
      Episode drawn = data.episodeForTraining(n, epoch, seed);
      SplittableRandom eps = Seeds.stream(seed, epoch, n);
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < Z; j++) {
          int i = (n * T + t) * Z + j;
          float expected = (float) (mu[i] + Math.exp(logvar[i] / 2.0) * eps.nextGaussian());
          assertEquals(expected, drawn.z()[t][j], "row " + n + " [" + t + ", " + j + "]");
        }
      }
      assertArrayEquals(data.episode(n).action(), drawn.action());
      assertArrayEquals(data.episode(n).terminated(), drawn.terminated());
    }
  }

  @Test
  void redrawIsSeededAndChangesWithEpochSeedAndEpisode() throws IOException {
    Dataset data = EpisodeStore.load(dir);
    Episode a = data.episodeForTraining(1, 0, 5);
    assertEquals(a, data.episodeForTraining(1, 0, 5));
    assertEquals(a, EpisodeStore.load(dir).episodeForTraining(1, 0, 5));
    assertNotEquals(a, data.episodeForTraining(1, 1, 5));
    assertNotEquals(a, data.episodeForTraining(1, 0, 6));
    assertNotEquals(a.z()[0][0], data.episode(1).z()[0][0]); // not mu
  }

  @Test
  void javaWrittenSeriesDropsTheLastActionAndItsDoneFlag() throws IOException {
    Files.delete(file);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    float[] m = new float[2 * 3 * 1];
    for (int i = 0; i < m.length; i++) {
      m[i] = i;
    }
    arrays.put("mu", new NpyArray(DType.FLOAT16, new int[] {2, 3, 1}, m));
    arrays.put("logvar", NpyArray.ofFloats(new float[6], 2, 3, 1));
    arrays.put("action", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)); // [N, T]: A=1
    arrays.put("done", NpyArray.ofInts(new int[] {0, 0, 1, 0, 1, 0}, 2, 3));
    arrays.put("restart", NpyArray.ofInts(new int[6], 2, 3)); // unknown keys are ignored
    Npz.write(dir.resolve("s.npz"), arrays);
    Dataset data = EpisodeStore.load(dir);
    assertEquals(2, data.size());
    assertEquals(1, data.actionSize());
    assertArrayEquals(new float[][] {{1}, {2}}, data.episode(0).action());
    assertArrayEquals(new float[][] {{3}, {4}, {5}}, data.episode(1).z());
    assertArrayEquals(new boolean[] {false, false}, data.episode(0).terminated()); // done[2] lost
    assertArrayEquals(new boolean[] {false, true}, data.episode(1).terminated());
    assertArrayEquals(new float[2], data.episode(1).reward()); // no reward key: zeros
    // logvar 0 means sigma 1: the draw is mu + eps exactly as for the fixture.
    float eps0 = (float) (3 + Seeds.stream(0, 0, 1).nextGaussian());
    assertEquals(eps0, data.episodeForTraining(1, 0, 0).z()[0][0]);
  }

  @Test
  void seriesRowsAndEpisodeFilesMixInNameOrder() throws IOException {
    Episode e = Episode.ofTransitions(new float[3][Z], new float[2][A]);
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), e);
    Dataset data = EpisodeStore.load(dir);
    assertEquals(1 + N, data.size());
    assertFalse(data.isSeries(0));
    assertEquals(e, data.episode(0));
    assertTrue(data.isSeries(1));
    assertArrayEquals(slice(mu, 0, Z), data.episode(1).z()[0]);
  }

  @Test
  void raggedObjectSeriesIsRefused() throws IOException {
    Files.delete(file);
    byte[] object = Files.readAllBytes(NpyFixtures.path("object.npy"));
    Path ragged = dir.resolve("ragged.npz");
    try (OutputStream out = Files.newOutputStream(ragged);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String key : new String[] {"mu", "logvar", "action"}) {
        zip.putNextEntry(new ZipEntry(key + ".npy"));
        zip.write(object);
        zip.closeEntry();
      }
    }
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(
            ragged
                + ": key 'mu': dtype '|O' (object/pickled arrays) is refused; expected one of f2,"
                + " f4, f8, b1, u1, i1, i4, i8 (any byte order) (a series file holds float arrays"
                + " [episodes, T, ...], one T for all)");
  }

  @Test
  void badSeriesShapesAndValuesAreNamed() throws IOException {
    Files.delete(file);
    Map<String, NpyArray> arrays = series(2, 1, 3);
    Path s = dir.resolve("s.npz");
    Npz.write(s, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(
            s
                + ": key 'mu': shape [2, 1, 3]; expected at least 1 episode, T >= 2 frames (T-1"
                + " transitions) and Z >= 1");

    arrays = series(2, 4, 3);
    arrays.put("logvar", NpyArray.ofFloats(new float[2 * 4 * 2], 2, 4, 2));
    Npz.write(s, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(
            s
                + ": key 'logvar': shape [2, 4, 2]; expected [2, 4, 3] (episodes and T as"
                + " in 'mu')");

    arrays = series(2, 4, 3);
    float[] m = arrays.get("mu").asFloats().clone();
    m[(1 * 4 + 2) * 3 + 1] = Float.NaN;
    arrays.put("mu", NpyArray.ofFloats(m, 2, 4, 3));
    Npz.write(s, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(s + ": key 'mu': NaN at [1, 2, 1]; expected finite values");

    arrays = series(2, 4, 3);
    float[] lv = new float[24];
    lv[5] = 200;
    arrays.put("logvar", NpyArray.ofFloats(lv, 2, 4, 3));
    Npz.write(s, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(s + ": key 'logvar': 200.0 at [0, 1, 2]; expected finite values <= 160.0");

    arrays = series(2, 4, 3);
    float[] act = new float[2 * 4 * 1];
    act[6] = Float.POSITIVE_INFINITY; // episode 1, t = 2, still a used transition
    arrays.put("action", NpyArray.ofFloats(act, 2, 4, 1));
    Npz.write(s, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(s + ": episode 1: key 'action': Infinity at [2, 0]; expected finite values");
  }

  @Test
  void seriesCountsAsSeriesOnlyWithMuAndLogvar() throws IOException {
    assertTrue(SeriesFile.isSeries(java.util.List.of("action", "mu", "logvar")));
    assertFalse(SeriesFile.isSeries(java.util.List.of("action", "mu")));
    assertFalse(SeriesFile.isSeries(java.util.List.of("z", "mu", "logvar", "action")));
    assertThat(Npz.keys(file)).contains("mu", "logvar", "action", "reward", "done");
  }

  private static Map<String, NpyArray> series(int n, int t, int z) {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    float[] mu = new float[n * t * z];
    Arrays.fill(mu, 0.5f);
    m.put("mu", NpyArray.ofFloats(mu, n, t, z));
    m.put("logvar", NpyArray.ofFloats(new float[n * t * z], n, t, z));
    m.put("action", NpyArray.ofFloats(new float[n * t], n, t, 1));
    return m;
  }

  private static float[] slice(float[] flat, int from, int length) {
    return Arrays.copyOfRange(flat, from, from + length);
  }
}
