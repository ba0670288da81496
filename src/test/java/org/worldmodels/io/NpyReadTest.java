package org.worldmodels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.worldmodels.io.NpyArray.DType;

/**
 * Reading npy files that numpy wrote (see {@link NpyFixtures}), and refusing the ones we must
 * refuse. Expected values come from numpy via expected.json; floats are compared exactly.
 */
class NpyReadTest {
  private static final JsonNode EXPECTED = NpyFixtures.expected();

  static Stream<String> npyFixtures() {
    List<String> names = new ArrayList<>();
    EXPECTED.fieldNames().forEachRemaining(names::add);
    return names.stream().filter(n -> n.endsWith(".npy"));
  }

  @ParameterizedTest
  @MethodSource("npyFixtures")
  void readsWhatNumpyWrote(String name) throws IOException {
    JsonNode exp = EXPECTED.get(name);
    NpyArray a = Npy.read(NpyFixtures.path(name));
    assertArrayEquals(ints(exp.get("shape")), a.shape(), name + " shape");
    String descr = exp.get("descr").asText();
    assertEquals(DType.ofCode(descr.substring(1)), a.dtype(), name + " dtype");
    JsonNode values = exp.get("values");
    assertEquals(values.size(), a.size(), name + " size");
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = values.get(i);
      String at = name + " [" + i + "]";
      switch (a.dtype()) {
        case FLOAT16, FLOAT32, FLOAT64 -> assertEquals(v.asDouble(), a.element(i), 0.0, at);
        case BOOL -> assertEquals(v.asBoolean(), a.asBooleans()[i], at);
        case INT64 -> assertEquals(v.asLong(), a.asLongs()[i], at);
        default -> assertEquals(v.asLong(), (long) a.element(i), at);
      }
    }
  }

  @Test
  void coversBothByteOrdersOfEveryMultiByteType() {
    List<String> names = npyFixtures().toList();
    for (String code : List.of("f2", "f4", "f8", "i4", "i8")) {
      assertThat(names).contains(code + "_le.npy", code + "_be.npy");
    }
    assertThat(names).contains("b1.npy", "u1.npy", "i1.npy");
  }

  @Test
  void signedZeroAndBigEndianValuesAreExact() throws IOException {
    double[] le = Npy.read(NpyFixtures.path("f8_le.npy")).asDoubles();
    double[] be = Npy.read(NpyFixtures.path("f8_be.npy")).asDoubles();
    assertArrayEquals(le, be);
    assertEquals(-5.0e-324, be[4]); // the smallest subnormal, sign and all
    assertEquals(255, Npy.read(NpyFixtures.path("u1.npy")).element(5));
    assertEquals(Long.MIN_VALUE, Npy.read(NpyFixtures.path("i8_be.npy")).asLongs()[0]);
  }

  @Test
  void zeroDimensionalScalarHasEmptyShape() throws IOException {
    NpyArray a = Npy.read(NpyFixtures.path("scalar_f8.npy"));
    assertEquals(0, a.rank());
    assertArrayEquals(new double[] {3.5}, a.asDoubles());
  }

  @Test
  void oneDimensionalShapeAndEmptyArray() throws IOException {
    assertArrayEquals(new int[] {5}, Npy.read(NpyFixtures.path("vec5_i4.npy")).shape());
    NpyArray empty = Npy.read(NpyFixtures.path("empty_f4.npy"));
    assertArrayEquals(new int[] {0, 3}, empty.shape());
    assertEquals(0, empty.size());
  }

  @Test
  void fortranOrderIsTransposedToC() throws IOException {
    NpyArray c = Npy.read(NpyFixtures.path("cube_f4.npy"));
    NpyArray f = Npy.read(NpyFixtures.path("fortran_f4.npy"));
    assertEquals(c, f);
    // cube[1][2][3] = 23 * 0.5 - 3 sits at flat index 23 in C order.
    assertEquals(8.5, f.element(23), 0.0);
    long[] l = Npy.read(NpyFixtures.path("fortran_i8_be.npy")).asLongs();
    assertArrayEquals(
        new long[] {-2000000014L, -1000000007L, 0, 1000000007L, 2000000014L, 3000000021L}, l);
  }

  @Test
  void versionsTwoAndThreeReadLikeVersionOne() throws IOException {
    NpyArray c = Npy.read(NpyFixtures.path("cube_f4.npy"));
    byte[] v2 = Files.readAllBytes(NpyFixtures.path("v2_f4.npy"));
    byte[] v3 = Files.readAllBytes(NpyFixtures.path("v3_f4.npy"));
    assertEquals(2, v2[6]);
    assertEquals(3, v3[6]);
    assertEquals(c, Npy.read(v2));
    assertEquals(c, Npy.read(v3));
  }

  static Stream<Arguments> refusedFixtures() {
    return Stream.of(
        Arguments.of("object.npy", "dtype '|O' (object/pickled arrays) is refused"),
        Arguments.of("unicode.npy", "dtype '<U3' (strings) is refused"),
        Arguments.of("bytes.npy", "dtype '|S2' (strings) is refused"),
        Arguments.of("structured.npy", "structured dtype"),
        Arguments.of("complex.npy", "unsupported dtype '<c8'"),
        Arguments.of("u2.npy", "unsupported dtype '<u2'"));
  }

  @ParameterizedTest
  @MethodSource("refusedFixtures")
  void refusesWithOneLineNamingFileAndExpectation(String name, String fragment) {
    Path file = NpyFixtures.path(name);
    assertThatThrownBy(() -> Npy.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(fragment)
        .hasMessageContaining("expected one of f2, f4, f8")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesBadMagic() {
    byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> Npy.read(zip))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(
            "<bytes>: not an npy array: starts with 'PK\\x03\\x04\\x00\\x00'; expected the"
                + " magic string \\x93NUMPY");
  }

  @Test
  void refusesTooShortFile() {
    assertThatThrownBy(() -> Npy.read(new byte[] {(byte) 0x93, 'N', 'U'}))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("(file truncated?)");
  }

  @Test
  void refusesUnknownVersion() {
    byte[] b = NpyFixtures.npyBytes(4, 0, "{}", new byte[0]);
    assertThatThrownBy(() -> Npy.read(b))
        .hasMessage("<bytes>: unsupported npy version 4.0; expected 1.0, 2.0 or 3.0");
  }

  @Test
  void refusesTruncatedData() throws IOException {
    byte[] full = Files.readAllBytes(NpyFixtures.path("cube_f4.npy"));
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 5);
    assertThatThrownBy(() -> Npy.read(cut))
        .hasMessage("<bytes>: truncated: shape (2, 3, 4) of f4 needs 96 data bytes, 91 present");
  }

  @Test
  void refusesTrailingBytes() throws IOException {
    byte[] full = Files.readAllBytes(NpyFixtures.path("cube_f4.npy"));
    byte[] longer = java.util.Arrays.copyOf(full, full.length + 4);
    assertThatThrownBy(() -> Npy.read(longer))
        .hasMessage("<bytes>: shape (2, 3, 4) of f4 needs 96 data bytes, 100 present");
  }

  @Test
  void shapeWhoseSizeOverflowsFailsWithoutAllocating() {
    String h =
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, "
            + "2147483647), }";
    byte[] b = NpyFixtures.npyBytes(1, 0, h, new byte[8]);
    assertThatThrownBy(() -> Npy.read(b))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("needs more than 2^63 bytes");
  }

  @Test
  void hugeShapeFailsFastEvenFromAStreamOfUnknownLength() {
    String over = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
    assertThatThrownBy(() -> Npy.read(NpyFixtures.npyBytes(1, 0, over, new byte[8])))
        .hasMessage(
            "<bytes>: shape (100000, 100000) of f8 needs 80000000000 bytes; at most"
                + " 2147483639 can be read");
    // Just under the limit: the stream ends after 8 bytes, so reading stops there.
    String under = "{'descr': '<f4', 'fortran_order': False, 'shape': (500000000,), }";
    byte[] b = NpyFixtures.npyBytes(1, 0, under, new byte[8]);
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(b), -1, "s.npy", "k"))
        .hasMessage(
            "s.npy: key 'k': truncated: shape (500000000,) of f4 needs 2000000000 data"
                + " bytes, 8 present");
  }

  @Test
  void refusesMalformedOrIncompleteHeaders() {
    byte[] noShape =
        NpyFixtures.npyBytes(1, 0, "{'descr': '<f4', 'fortran_order': False}", new byte[0]);
    assertThatThrownBy(() -> Npy.read(noShape)).hasMessageContaining("lacks 'shape'");
    byte[] garbage = NpyFixtures.npyBytes(1, 0, "{'descr': <f4}", new byte[0]);
    assertThatThrownBy(() -> Npy.read(garbage)).hasMessageContaining("malformed npy header");
    byte[] negative =
        NpyFixtures.npyBytes(
            1, 0, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", new byte[0]);
    assertThatThrownBy(() -> Npy.read(negative)).hasMessageContaining("has dimension -1");
    byte[] deep = NpyFixtures.npyBytes(1, 0, "[".repeat(5000), new byte[0]);
    assertThatThrownBy(() -> Npy.read(deep)).hasMessageContaining("nested deeper");
  }

  @Test
  void headerLongerThanTheFileIsRefused() {
    byte[] b = NpyFixtures.npyBytes(2, 0, "{}", new byte[0]);
    b[8] = (byte) 0xff; // claim a 255-byte header in a 14-byte file
    assertThatThrownBy(() -> Npy.read(b))
        .hasMessage("<bytes>: truncated: npy header claims 255 bytes but only 2 follow");
    byte[] huge = NpyFixtures.npyBytes(2, 0, "{}", new byte[0]);
    huge[11] = 0x7f; // a 2 GB header
    assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(huge), -1, "h.npy", null))
        .hasMessage("h.npy: npy header claims 2130706434 bytes; expected at most 1048576");
  }

  @Test
  void streamOfUnknownLengthIsLeftJustAfterTheArray() throws IOException {
    NpyArray first = NpyArray.ofInts(new int[] {1, 2, 3}, 3);
    NpyArray second = NpyArray.ofFloats(new float[] {0.5f}, 1, 1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Npy.write(out, first);
    Npy.write(out, second);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertEquals(first, Npy.read(in, -1, "two.npy", null));
    assertEquals(second, Npy.read(in, -1, "two.npy", null));
    assertEquals(-1, in.read());
  }

  @Test
  void python2LongSuffixAndNativeOrderAreAccepted() {
    byte[] data = {1, 0, 0, 0, 2, 0, 0, 0};
    String h = "{'descr': '<i4', 'fortran_order': False, 'shape': (2L,), }";
    assertArrayEquals(
        new int[] {1, 2}, (int[]) Npy.read(NpyFixtures.npyBytes(1, 0, h, data)).data());
    String bare = "{'descr': 'b1', 'fortran_order': False, 'shape': (2,), }";
    NpyArray b = Npy.read(NpyFixtures.npyBytes(1, 0, bare, new byte[] {0, 1}));
    assertArrayEquals(new boolean[] {false, true}, b.asBooleans());
    assertSame(DType.BOOL, b.dtype());
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
