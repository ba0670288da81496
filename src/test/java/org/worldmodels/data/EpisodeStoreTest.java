package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.io.Float16;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyArray.DType;
import org.worldmodels.io.NpyFixtures;
import org.worldmodels.io.Npz;

/** Episode files: round trips, leniency where documented, and every refusal with its message. */
class EpisodeStoreTest {
  @TempDir Path dir;

  @Test
  void writeThenReadGivesTheSameEpisode() throws IOException {
    Episode e = TestEpisodes.traced(3, 9);
    Path file = dir.resolve(EpisodeStore.fileName(3));
    EpisodeStore.write(file, e);
    assertEquals("episode_000003.npz", file.getFileName().toString());
    assertEquals(e, EpisodeStore.read(file));
    Map<String, NpyArray> raw = Npz.read(file);
    assertEquals(
        List.of("z", "action", "reward", "terminated", "truncated"), List.copyOf(raw.keySet()));
    assertEquals(DType.FLOAT32, raw.get("z").dtype());
    assertEquals(DType.BOOL, raw.get("terminated").dtype());
    assertArrayEquals(new int[] {10, 3}, raw.get("z").shape());
  }

  @Test
  void writingIsReproducible() throws IOException {
    EpisodeStore.write(dir.resolve("a.npz"), TestEpisodes.traced(1, 5));
    EpisodeStore.write(dir.resolve("b.npz"), TestEpisodes.traced(1, 5));
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("a.npz")), Files.readAllBytes(dir.resolve("b.npz")));
  }

  @Test
  void listIsSortedByNameAndOnlyNpz() throws IOException {
    for (int i : new int[] {10, 2, 0}) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), TestEpisodes.traced(i, 2));
    }
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.createDirectory(dir.resolve("sub.npz"));
    assertEquals(
        List.of("episode_000000.npz", "episode_000002.npz", "episode_000010.npz"),
        EpisodeStore.list(dir).stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void float16AndFloat64LatentsAreAccepted() throws IOException {
    Episode e = TestEpisodes.traced(2, 4);
    Map<String, NpyArray> arrays = arrays(e);
    float[] z = arrays.get("z").asFloats();
    arrays.put("z", new NpyArray(DType.FLOAT16, new int[] {5, 3}, z.clone()));
    Path half = dir.resolve("half.npz");
    Npz.write(half, arrays);
    assertEquals(e, EpisodeStore.read(half)); // all values are exact halves
    double[] d = new double[z.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = z[i];
    }
    arrays.put("z", NpyArray.ofDoubles(d, 5, 3));
    Path dbl = dir.resolve("double.npz");
    Npz.write(dbl, arrays);
    assertEquals(e, EpisodeStore.read(dbl));
    assertEquals(0x3800, Float16.fromFloat(0.5f)); // the 0.5 in z is a half
  }

  @Test
  void missingRewardAndFlagsReadAsZerosAndIntegerFlagsAsBools() throws IOException {
    Episode e = TestEpisodes.traced(0, 3);
    Map<String, NpyArray> arrays = arrays(e);
    arrays.remove("reward");
    arrays.remove("truncated");
    arrays.put("terminated", NpyArray.ofInts(new int[] {0, 0, 1}, 3));
    arrays.put("extra", NpyArray.ofInts(new int[] {7}, 1)); // unknown keys are ignored
    Path file = dir.resolve("lenient.npz");
    Npz.write(file, arrays);
    Episode read = EpisodeStore.read(file);
    assertArrayEquals(new float[3], read.reward());
    assertArrayEquals(new boolean[] {false, false, true}, read.terminated());
    assertArrayEquals(new boolean[3], read.truncated());
    assertArrayEquals(e.z(), read.z());
  }

  @Test
  void missingKeyNamesFileKeyAndWhatWasFound() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.remove("action");
    Path file = write("no_action.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(
            file
                + ": key 'action': missing; expected float32 [T, A], found keys [z, reward,"
                + " terminated, truncated]");
  }

  @Test
  void wrongRankIsRefused() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.put("action", NpyArray.ofFloats(new float[3], 3));
    Path file = write("rank.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(file + ": key 'action': shape [3]; expected [T, A] (rank 2)");
  }

  @Test
  void lengthMismatchNamesBothKeys() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.put("z", NpyArray.ofFloats(new float[3 * 3], 3, 3));
    Path file = write("short_z.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(file + ": key 'z': has 3 rows but 'action' has 3; expected T+1 = 4");
    arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.put("terminated", NpyArray.ofBooleans(new boolean[2], 2));
    Path flags = write("short_flags.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(flags))
        .hasMessage(
            flags + ": key 'terminated': has 2 values but 'action' has 3 rows; expected T = 3");
  }

  @Test
  void nanAndInfinityAreNamedWithKeyAndIndex() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 3));
    float[] action = arrays.get("action").asFloats();
    action[2 * 2 + 1] = Float.POSITIVE_INFINITY;
    arrays.put("action", NpyArray.ofFloats(action, 3, 2));
    Path file = write("inf.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(file + ": key 'action': Infinity at [2, 1]; expected finite values");
    arrays = arrays(TestEpisodes.traced(0, 3));
    float[] z = arrays.get("z").asFloats();
    z[4] = Float.NaN;
    arrays.put("z", NpyArray.ofFloats(z, 4, 3));
    Path nan = write("nan.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(nan))
        .hasMessage(nan + ": key 'z': NaN at [1, 1]; expected finite values");
  }

  @Test
  void float64ValuesBeyondFloatRangeAreRefusedAsInfinite() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 1));
    arrays.put("reward", NpyArray.ofDoubles(new double[] {1e300}, 1));
    Path file = write("big.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .hasMessage(file + ": key 'reward': Infinity at [0]; expected finite values");
  }

  @Test
  void wrongDtypesAreRefused() throws IOException {
    Map<String, NpyArray> arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.put("z", NpyArray.ofInts(new int[12], 4, 3));
    Path ints = write("int_z.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(ints))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(ints + ": key 'z': dtype int32; expected float16/32/64");
    arrays = arrays(TestEpisodes.traced(0, 3));
    arrays.put("terminated", NpyArray.ofFloats(new float[] {0, 2, 0}, 3));
    Path flags = write("flags.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(flags))
        .hasMessage(
            flags
                + ": key 'terminated': value 2.0 at flat index 1 (dtype float32); expected bool"
                + " or 0/1");
  }

  @Test
  void objectAndStringArraysAreRefusedNamingFileAndKey() throws IOException {
    Path object = dir.resolve("object.npz");
    Files.copy(NpyFixtures.path("object.npz"), object);
    assertThatThrownBy(() -> EpisodeStore.read(object))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageStartingWith(
            object + ": key 'z': dtype '|O' (object/pickled arrays) is refused");
    Path strings = dir.resolve("strings.npz");
    String header = "{'descr': '<U2', 'fortran_order': False, 'shape': (1,), }";
    writeRaw(strings, "z.npy", NpyFixtures.npyBytes(1, 0, header, new byte[8]));
    assertThatThrownBy(() -> EpisodeStore.read(strings))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageStartingWith(strings + ": key 'z': dtype '<U2' (strings) is refused");
  }

  @Test
  void emptyEpisodeIsRefused() throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("z", NpyArray.ofFloats(new float[3], 1, 3));
    arrays.put("action", NpyArray.ofFloats(new float[0], 0, 2));
    Path file = write("empty.npz", arrays);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(
            file + ": key 'action': has 0 rows, an empty episode; expected T >= 1 transitions");
  }

  @Test
  void notAZipIsRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("episode_000000.npz");
    Files.writeString(file, "garbage");
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageStartingWith(file + ": not a readable npz (zip) archive");
  }

  @Test
  void zSizeDifferingBetweenFilesNamesBothFilesAndSizes() throws IOException {
    Path first = dir.resolve(EpisodeStore.fileName(0));
    EpisodeStore.write(first, TestEpisodes.traced(0, 2));
    Path second = dir.resolve(EpisodeStore.fileName(1));
    EpisodeStore.write(second, Episode.ofTransitions(new float[3][5], new float[2][2]));
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(
            second
                + ": key 'z': z size 5 differs from z size 3 in "
                + first
                + "; every episode needs the same width");
  }

  @Test
  void actionSizeDifferingBetweenFilesIsRefused() throws IOException {
    Path first = dir.resolve(EpisodeStore.fileName(0));
    EpisodeStore.write(first, TestEpisodes.traced(0, 2));
    Path second = dir.resolve(EpisodeStore.fileName(1));
    EpisodeStore.write(second, Episode.ofTransitions(new float[3][3], new float[2][4]));
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .hasMessage(
            second
                + ": key 'action': action size 4 differs from action size 2 in "
                + first
                + "; every episode needs the same width");
  }

  @Test
  void emptyMissingAndNonDirectoriesAreRefused() throws IOException {
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(dir + ": no .npz files; expected episodes named like episode_000000.npz");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> EpisodeStore.load(missing))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessage(missing + ": no such data directory");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> EpisodeStore.load(file))
        .hasMessage(file + ": not a directory; expected a directory of .npz files");
  }

  @Test
  void seriesFileIsNotAnEpisode() throws IOException {
    Path file = dir.resolve("series.npz");
    Files.copy(NpyFixtures.path("series_f16.npz"), file);
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining("is a World Models series file");
  }

  @Test
  void loadReadsEveryEpisodeInNameOrder() throws IOException {
    for (int i = 0; i < 3; i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), TestEpisodes.traced(i, 2 + i));
    }
    Dataset data = EpisodeStore.load(dir);
    assertEquals(3, data.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(TestEpisodes.traced(i, 2 + i), data.episode(i));
      assertThat(data.source(i)).endsWith(EpisodeStore.fileName(i));
    }
  }

  /** The five arrays of {@code e}, as {@link EpisodeStore#write} would write them. */
  static Map<String, NpyArray> arrays(Episode e) {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("z", NpyArray.ofRows(e.z(), e.zSize()));
    m.put("action", NpyArray.ofRows(e.action(), e.actionSize()));
    m.put("reward", NpyArray.ofFloats(e.reward().clone(), e.length()));
    m.put("terminated", NpyArray.ofBooleans(e.terminated().clone(), e.length()));
    m.put("truncated", NpyArray.ofBooleans(e.truncated().clone(), e.length()));
    return m;
  }

  private Path write(String name, Map<String, NpyArray> arrays) throws IOException {
    Path file = dir.resolve(name);
    Npz.write(file, arrays);
    return file;
  }

  private static void writeRaw(Path file, String entry, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content);
      zip.closeEntry();
    }
  }
}
