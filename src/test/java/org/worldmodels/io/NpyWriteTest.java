package org.worldmodels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.worldmodels.io.NpyArray.DType;

/** Writing npy: the same bytes as {@code numpy.save}, aligned headers, exact round trips. */
class NpyWriteTest {
  @TempDir Path tmp;

  static Stream<String> littleEndianFixtures() {
    return Stream.of(
        "cube_f4.npy",
        "scalar_f8.npy",
        "vec5_i4.npy",
        "empty_f4.npy",
        "b1.npy",
        "u1.npy",
        "i1.npy",
        "f2_le.npy",
        "f4_le.npy",
        "f8_le.npy",
        "i4_le.npy",
        "i8_le.npy");
  }

  @ParameterizedTest
  @MethodSource("littleEndianFixtures")
  void writesTheSameBytesAsNumpySave(String name) throws IOException {
    byte[] numpy = Files.readAllBytes(NpyFixtures.path(name));
    byte[] mine = Npy.toBytes(Npy.read(numpy));
    assertArrayEquals(numpy, mine, name);
  }

  @Test
  void headerEndsOnA64ByteBoundaryWithANewline() {
    for (int rank = 0; rank <= 7; rank++) {
      int[] shape = new int[rank];
      java.util.Arrays.fill(shape, 1);
      byte[] b = Npy.toBytes(NpyArray.ofFloats(new float[1], shape));
      int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
      int dataStart = 10 + headerLen;
      assertEquals(0, dataStart % 64, "rank " + rank);
      assertEquals('\n', b[dataStart - 1], "rank " + rank);
      assertEquals(dataStart + 4, b.length, "rank " + rank);
      String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
      assertEquals(
          "{'descr': '<f4', 'fortran_order': False, 'shape': " + NpyHeader.shapeText(shape) + ", }",
          header.strip());
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeRoundTrips(DType dtype) throws IOException {
    NpyArray a = randomArray(dtype, new SplittableRandom(dtype.ordinal()), 3, 4, 5);
    assertEquals(a, Npy.read(Npy.toBytes(a)));
    Path file = tmp.resolve(dtype + ".npy");
    Npy.write(file, a);
    assertEquals(a, Npy.read(file));
  }

  /** Random values of {@code dtype}; float16 values are drawn as halves so they are exact. */
  static NpyArray randomArray(DType dtype, SplittableRandom rng, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    Object data =
        switch (dtype) {
          case FLOAT16 -> {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
              f[i] = Float16.toFloat((short) rng.nextInt(0x7c00)); // finite, non-negative
            }
            yield f;
          }
          case FLOAT32 -> {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
              f[i] = (float) rng.nextGaussian();
            }
            yield f;
          }
          case FLOAT64 -> rng.doubles(n).map(x -> x * 1e6 - 5e5).toArray();
          case BOOL -> {
            boolean[] z = new boolean[n];
            for (int i = 0; i < n; i++) {
              z[i] = rng.nextBoolean();
            }
            yield z;
          }
          case UINT8, INT8 -> {
            byte[] b = new byte[n];
            rng.nextBytes(b);
            yield b;
          }
          case INT32 -> rng.ints(n).toArray();
          case INT64 -> rng.longs(n).toArray();
        };
    return new NpyArray(dtype, shape, data);
  }
}
