package org.worldmodels.io;

import java.util.Arrays;

/**
 * An n-dimensional array as stored in a numpy {@code .npy} file: a dtype, a shape and the values in
 * C (row-major) order. Float16 arrays are widened to float on read; the dtype records what the file
 * held.
 *
 * @param dtype what the values are (and how they are written)
 * @param shape the shape; {@code []} for a 0-d scalar
 * @param data a {@code float[]}, {@code double[]}, {@code boolean[]}, {@code byte[]} (uint8/int8),
 *     {@code int[]} or {@code long[]} whose length is the product of the shape
 */
public record NpyArray(DType dtype, int[] shape, Object data) {

  /** The element types this project reads and writes. */
  public enum DType {
    FLOAT16("f2", 2),
    FLOAT32("f4", 4),
    FLOAT64("f8", 8),
    BOOL("b1", 1),
    UINT8("u1", 1),
    INT8("i1", 1),
    INT32("i4", 4),
    INT64("i8", 8);

    /** The numpy type code without byte order, e.g. {@code f4}. */
    public final String code;

    /** Bytes per element. */
    public final int size;

    DType(String code, int size) {
      this.code = code;
      this.size = size;
    }

    /** The dtype for a numpy type code such as {@code f4}, or null if unknown. */
    public static DType ofCode(String code) {
      for (DType d : values()) {
        if (d.code.equals(code)) {
          return d;
        }
      }
      return null;
    }
  }

  public NpyArray {
    shape = shape.clone();
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= s;
    }
    int len = java.lang.reflect.Array.getLength(data);
    if (len != n) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + len);
    }
    Class<?> expected =
        switch (dtype) {
          case FLOAT16, FLOAT32 -> float[].class;
          case FLOAT64 -> double[].class;
          case BOOL -> boolean[].class;
          case UINT8, INT8 -> byte[].class;
          case INT32 -> int[].class;
          case INT64 -> long[].class;
        };
    if (data.getClass() != expected) {
      throw new IllegalArgumentException(
          dtype
              + " needs "
              + expected.getSimpleName()
              + ", got "
              + data.getClass().getSimpleName());
    }
  }

  public static NpyArray ofFloats(float[] data, int... shape) {
    return new NpyArray(DType.FLOAT32, shape, data);
  }

  public static NpyArray ofDoubles(double[] data, int... shape) {
    return new NpyArray(DType.FLOAT64, shape, data);
  }

  public static NpyArray ofBooleans(boolean[] data, int... shape) {
    return new NpyArray(DType.BOOL, shape, data);
  }

  public static NpyArray ofInts(int[] data, int... shape) {
    return new NpyArray(DType.INT32, shape, data);
  }

  public static NpyArray ofLongs(long[] data, int... shape) {
    return new NpyArray(DType.INT64, shape, data);
  }

  /** A float32 array of the given 2-d rows. */
  public static NpyArray ofRows(float[][] rows, int cols) {
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return ofFloats(flat, rows.length, cols);
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return shape[i];
  }

  /** Number of elements. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Whether the values are floating point (float16/32/64). */
  public boolean isFloating() {
    return dtype == DType.FLOAT16 || dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
  }

  /** The values as floats (float64 and integers are converted; booleans are 0/1). */
  public float[] asFloats() {
    if (data instanceof float[] f) {
      return f;
    }
    int n = size();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) element(i);
    }
    return out;
  }

  /** The values as doubles (booleans are 0/1). */
  public double[] asDoubles() {
    if (data instanceof double[] d) {
      return d;
    }
    int n = size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = element(i);
    }
    return out;
  }

  /** The values as booleans (non-zero numbers are true). */
  public boolean[] asBooleans() {
    if (data instanceof boolean[] b) {
      return b;
    }
    int n = size();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = element(i) != 0;
    }
    return out;
  }

  /** The values as longs (floats are truncated; booleans are 0/1). */
  public long[] asLongs() {
    if (data instanceof long[] l) {
      return l;
    }
    int n = size();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = (long) element(i);
    }
    return out;
  }

  /** Element {@code i} (flat, C order) as a double. */
  public double element(int i) {
    return switch (dtype) {
      case FLOAT16, FLOAT32 -> ((float[]) data)[i];
      case FLOAT64 -> ((double[]) data)[i];
      case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
      case UINT8 -> ((byte[]) data)[i] & 0xff;
      case INT8 -> ((byte[]) data)[i];
      case INT32 -> ((int[]) data)[i];
      case INT64 -> ((long[]) data)[i];
    };
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NpyArray other)) {
      return false;
    }
    return dtype == other.dtype
        && Arrays.equals(shape, other.shape)
        && java.util.Objects.deepEquals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * dtype.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
