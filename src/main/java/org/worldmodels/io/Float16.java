package org.worldmodels.io;

/**
 * IEEE 754 half precision (numpy {@code float16}) to and from {@code float}. Java 17 has no {@code
 * Float.float16ToFloat} (it arrived in Java 20), and World Models series files store their latents
 * as float16, so the conversion is done here by hand.
 *
 * <p>{@link #toFloat} is exact for all 65,536 bit patterns and matches numpy's {@code
 * astype(float32)} bit for bit, NaN payloads included (numpy keeps them shifted into the float's
 * mantissa, and so do we). {@link #fromFloat} rounds to nearest, ties to even, as numpy does.
 */
public final class Float16 {
  private static final int FLOAT_EXP_BIAS = 127;
  private static final int HALF_EXP_BIAS = 15;
  private static final int MANTISSA_SHIFT = 23 - 10;

  private Float16() {}

  /** The float with the same value as the half whose bits are {@code bits}. */
  public static float toFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      // Infinity (mant 0) or NaN: the payload moves up unchanged, so a signalling NaN stays one.
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << MANTISSA_SHIFT));
    }
    if (exp == 0) {
      // Zero or subnormal: mant * 2^-24 is exact in float (10 bits of mantissa, exponent >= -24).
      float magnitude = mant * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    int floatExp = exp - HALF_EXP_BIAS + FLOAT_EXP_BIAS;
    return Float.intBitsToFloat(sign | (floatExp << 23) | (mant << MANTISSA_SHIFT));
  }

  /**
   * The half nearest to {@code f} (ties to even); values beyond the largest half (65504) round to
   * infinity from 65520 on, and a NaN stays a NaN with the top of its payload.
   */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) {
      if (mant == 0) {
        return (short) (sign | 0x7c00);
      }
      int payload = mant >>> MANTISSA_SHIFT;
      // A payload living only in the dropped low bits would turn the NaN into infinity.
      return (short) (sign | 0x7c00 | (payload == 0 ? 1 : payload));
    }
    int e = exp - FLOAT_EXP_BIAS;
    if (e > HALF_EXP_BIAS) {
      return (short) (sign | 0x7c00);
    }
    if (e >= 1 - HALF_EXP_BIAS) {
      int half = ((e + HALF_EXP_BIAS) << 10) | (mant >>> MANTISSA_SHIFT);
      // A carry out of the mantissa correctly bumps the exponent (up to infinity at 65520).
      return (short) (sign | roundEven(half, mant & 0x1fff, 0x1000));
    }
    // Subnormal half: the value is full * 2^(e - 23) and the half counts units of 2^-24.
    int shift = -(e + 1);
    if (exp == 0 || shift > 24) {
      return (short) sign; // below half the smallest subnormal (2^-25): rounds to zero
    }
    int full = 0x800000 | mant;
    int kept = full >>> shift;
    int rest = full & ((1 << shift) - 1);
    return (short) (sign | roundEven(kept, rest, 1 << (shift - 1)));
  }

  /** {@code kept} plus one if the dropped {@code rest} is over half a unit, or half and odd. */
  private static int roundEven(int kept, int rest, int halfUnit) {
    if (rest > halfUnit || (rest == halfUnit && (kept & 1) == 1)) {
      return kept + 1;
    }
    return kept;
  }
}
