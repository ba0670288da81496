package org.worldmodels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.worldmodels.io.NpyArray.DType;

/**
 * Half precision against numpy, bit for bit. Fixtures: half_all_f2.npy holds every uint16 pattern
 * viewed as float16, half_all_f4.npy the same after numpy's {@code astype(float32)}; f32_to_f2.npz
 * holds float32 values and the float16 bits numpy rounds them to.
 */
class NpyFloat16Test {

  @Test
  void everyHalfPatternConvertsExactlyAsNumpyDoes() throws IOException {
    float[] numpy = Npy.read(NpyFixtures.path("half_all_f4.npy")).asFloats();
    assertEquals(65536, numpy.length);
    for (int h = 0; h < 65536; h++) {
      int pattern = h;
      int expected = Float.floatToRawIntBits(numpy[h]);
      int actual = Float.floatToRawIntBits(Float16.toFloat((short) h));
      assertEquals(expected, actual, () -> String.format("pattern 0x%04x", pattern));
    }
  }

  @Test
  void float16NpyFileReadsAsNumpyConvertsIt() throws IOException {
    NpyArray halves = Npy.read(NpyFixtures.path("half_all_f2.npy"));
    float[] numpy = Npy.read(NpyFixtures.path("half_all_f4.npy")).asFloats();
    assertEquals(DType.FLOAT16, halves.dtype());
    float[] mine = halves.asFloats();
    for (int h = 0; h < 65536; h++) {
      int pattern = h;
      assertEquals(
          Float.floatToRawIntBits(numpy[h]),
          Float.floatToRawIntBits(mine[h]),
          () -> String.format("pattern 0x%04x", pattern));
    }
  }

  @Test
  void landmarksAreRight() {
    assertEquals(1.0f, Float16.toFloat((short) 0x3c00));
    assertEquals(65504.0f, Float16.toFloat((short) 0x7bff));
    assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xfc00));
    assertEquals(0x80000000, Float.floatToRawIntBits(Float16.toFloat((short) 0x8000)));
  }

  @Test
  void roundingFromFloatMatchesNumpy() throws IOException {
    Map<String, NpyArray> f = Npz.read(NpyFixtures.path("f32_to_f2.npz"));
    float[] values = f.get("f32").asFloats();
    int[] bits = (int[]) f.get("bits").data();
    assertTrue(values.length > 1000, "fixture too small: " + values.length);
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      assertEquals(
          bits[i],
          Float16.fromFloat(v) & 0xffff,
          () -> "value " + v + " (0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")");
    }
  }

  @Test
  void everyHalfSurvivesARoundTripThroughFloat() {
    for (int h = 0; h < 65536; h++) {
      float f = Float16.toFloat((short) h);
      short back = Float16.fromFloat(f);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Float16.toFloat(back)), "a NaN came back as a number");
      } else {
        int pattern = h;
        assertEquals(h, back & 0xffff, () -> "pattern 0x" + Integer.toHexString(pattern));
      }
    }
  }

  @Test
  void tiesGoToEven() {
    // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): rounds down to even 1.
    assertEquals(0x3c00, Float16.fromFloat(1f + 0x1p-11f));
    // 1 + 3 * 2^-11 is halfway between odd 1 + 2^-10 and even 1 + 2^-9: rounds up.
    assertEquals(0x3c02, Float16.fromFloat(1f + 3 * 0x1p-11f));
    assertEquals(0x7c00, Float16.fromFloat(65520f));
    assertEquals(0x7bff, Float16.fromFloat(65519.99f));
    assertEquals(0x0000, Float16.fromFloat(0x1p-25f));
    assertEquals(0x0001, Float16.fromFloat(0x1.000002p-25f));
  }
}
