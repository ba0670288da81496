package org.worldmodels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.worldmodels.io.NpyArray.DType;
import org.worldmodels.util.Json;

/** npz archives: numpy's stored and deflated files, damaged ones, and reproducible writing. */
class NpzTest {
  private static final JsonNode EXPECTED = NpyFixtures.expected();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"stored.npz", "deflated.npz"})
  void readsNumpyArchivesInEntryOrder(String name) throws IOException {
    Map<String, NpyArray> arrays = Npz.read(NpyFixtures.path(name));
    assertEquals(List.of("z", "flags", "n"), List.copyOf(arrays.keySet()));
    assertEquals(Npy.read(NpyFixtures.path("cube_f4.npy")), arrays.get("z"));
    assertArrayEquals(new boolean[] {true, false, true}, arrays.get("flags").asBooleans());
    JsonNode n = EXPECTED.get("npz:n").get("values");
    int[] values = (int[]) arrays.get("n").data();
    for (int i = 0; i < values.length; i++) {
      assertEquals(n.get(i).asInt(), values[i]);
    }
    assertEquals(List.of("z", "flags", "n"), Npz.keys(NpyFixtures.path(name)));
  }

  @Test
  void numpyStoredArchivesReallyUseZip64AndStoredEntries() throws IOException {
    // Guards the premise of the test above: numpy's savez writes STORED entries with zip64 local
    // headers (sizes 0xFFFFFFFF), savez_compressed DEFLATED ones.
    byte[] raw = Files.readAllBytes(NpyFixtures.path("stored.npz"));
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x04034b50, b.getInt(0));
    assertEquals(0xffffffff, b.getInt(22));
    try (ZipFile zip = new ZipFile(NpyFixtures.path("stored.npz").toFile())) {
      assertEquals(ZipEntry.STORED, zip.getEntry("z.npy").getMethod());
    }
    try (ZipFile zip = new ZipFile(NpyFixtures.path("deflated.npz").toFile())) {
      assertEquals(ZipEntry.DEFLATED, zip.getEntry("z.npy").getMethod());
    }
  }

  @Test
  void refusedArrayNamesFileAndKeyButOtherKeysStillRead() throws IOException {
    Path file = NpyFixtures.path("object.npz");
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(file + ": key 'z': dtype '|O' (object/pickled arrays) is refused;")
        .hasMessageNotContaining("\n");
    Map<String, NpyArray> ok = Npz.read(file, "ok"::equals);
    assertEquals(List.of("ok"), List.copyOf(ok.keySet()));
    assertArrayEquals(new float[] {1, 1}, ok.get("ok").asFloats());
  }

  @Test
  void notAZipIsRefusedNamingTheFile() throws IOException {
    Path file = tmp.resolve("ep.npz");
    Files.writeString(file, "this is not a zip archive");
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(file + ": not a readable npz (zip) archive")
        .hasMessageEndingWith("truncated or not an npz?")
        .hasMessageNotContaining("\n");
  }

  @Test
  void truncatedArchiveIsRefusedNamingTheFile() throws IOException {
    byte[] full = Files.readAllBytes(NpyFixtures.path("deflated.npz"));
    Path file = tmp.resolve("cut.npz");
    Files.write(file, Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(file + ": not a readable npz (zip) archive");
  }

  @Test
  void missingFileIsNoSuchFile() {
    Path file = tmp.resolve("nope.npz");
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void damagedEntryIsRefusedNamingTheKey() throws IOException {
    byte[] raw = Files.readAllBytes(NpyFixtures.path("stored.npz"));
    int magic = indexOf(raw, "NUMPY".getBytes(StandardCharsets.US_ASCII)) - 1;
    raw[magic] = 'X'; // the first entry, z.npy, is stored: its npy magic is in the file as is
    Path file = tmp.resolve("damaged.npz");
    Files.write(file, raw);
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(file + ": key 'z': not an npy array");
  }

  @Test
  void absurdSizeInTheZipDirectoryIsRefusedBeforeReading() throws IOException {
    Path good = tmp.resolve("good.npz");
    Npz.write(good, Map.of("z", NpyArray.ofFloats(new float[] {1, 2}, 2)));
    byte[] raw = Files.readAllBytes(good);
    int cen = indexOf(raw, new byte[] {'P', 'K', 1, 2});
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, 0xf0000000);
    Path file = tmp.resolve("absurd.npz");
    Files.write(file, raw);
    assertThatThrownBy(() -> Npz.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(
            file
                + ": key 'z': zip directory gives 4026531840 bytes uncompressed; at most "
                + (Npy.MAX_DATA_BYTES + Npy.MAX_HEADER_BYTES)
                + " can be read");
  }

  @Test
  void nonNpyEntryIsRefused() throws IOException {
    Path file = tmp.resolve("odd.npz");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("notes.txt"));
      zip.write("hi".getBytes(StandardCharsets.US_ASCII));
    }
    assertThatThrownBy(() -> Npz.read(file))
        .hasMessage(
            file + ": entry 'notes.txt' is not an .npy array; an npz holds only .npy" + " entries");
  }

  @Test
  void javaRoundTripKeepsEveryDtypeShapeAndOrder() throws IOException {
    Map<String, NpyArray> arrays = sampleArrays();
    Path file = tmp.resolve("all.npz");
    Npz.write(file, arrays);
    Map<String, NpyArray> back = Npz.read(file);
    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
    assertEquals(arrays, back);
  }

  @Test
  void writingIsByteForByteReproducibleInAnyTimeZone() throws IOException {
    Path a = tmp.resolve("a.npz");
    Path b = tmp.resolve("b.npz");
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Npz.write(a, sampleArrays());
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
      Npz.write(b, sampleArrays());
    } finally {
      TimeZone.setDefault(saved);
    }
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    try (ZipFile zip = new ZipFile(a.toFile())) {
      ZipEntry e = zip.getEntry("z.npy");
      assertEquals(ZipEntry.DEFLATED, e.getMethod());
      assertEquals(LocalDateTime.of(2000, 1, 1, 0, 0), e.getTimeLocal());
      assertEquals(null, e.getExtra(), "no extra field: it would carry a zone-dependent time");
    }
  }

  @Test
  void numpyReadsWhatJavaWrote() throws Exception {
    assumeTrue(NpyFixtures.pythonWithNumpy(), "python3 with numpy is not available");
    Map<String, NpyArray> arrays = sampleArrays();
    Path file = tmp.resolve("for_numpy.npz");
    Npz.write(file, arrays);
    Process p =
        new ProcessBuilder("python3", "src/test/python/read_npz.py", file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertEquals(0, p.exitValue(), "read_npz.py failed");
    JsonNode numpy = Json.parseTree(new String(out, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(List.copyOf(arrays.keySet()), fieldNames(numpy));
    for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
      JsonNode n = numpy.get(e.getKey());
      NpyArray a = e.getValue();
      String order = a.dtype().size == 1 ? "|" : "<";
      assertEquals(order + a.dtype().code, n.get("descr").asText(), e.getKey());
      assertEquals(Arrays.toString(a.shape()), n.get("shape").toString().replace(",", ", "));
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = n.get("values").get(i);
        String at = e.getKey() + "[" + i + "]";
        switch (a.dtype()) {
          case BOOL -> assertEquals(a.asBooleans()[i], v.asBoolean(), at);
          case INT64 -> assertEquals(a.asLongs()[i], v.asLong(), at);
          default -> assertEquals(a.element(i), v.asDouble(), 0.0, at);
        }
      }
    }
  }

  /** One array of each dtype, with a 0-d scalar and an empty array, in a fixed order. */
  private static Map<String, NpyArray> sampleArrays() {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    SplittableRandom rng = new SplittableRandom(42);
    for (DType t : DType.values()) {
      m.put(t.name().toLowerCase(java.util.Locale.ROOT), NpyWriteTest.randomArray(t, rng, 2, 3));
    }
    m.put("z", NpyArray.ofFloats(new float[] {0.5f, -1f, 3f, 1e-3f}, 2, 2));
    m.put("scalar", NpyArray.ofDoubles(new double[] {2.5}));
    m.put("empty", NpyArray.ofFloats(new float[0], 0, 4));
    return m;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
