package org.worldmodels.io;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.worldmodels.io.NpyArray.DType;

/**
 * The header dict of an npy file, decoded: element type, byte order, memory order and shape.
 *
 * @param dtype the element type
 * @param order the byte order of multi-byte elements ({@code '|'} and {@code '='} mean native)
 * @param fortranOrder whether the data is stored column-major
 * @param shape the shape; {@code []} for a 0-d scalar
 * @param dataBytes the number of data bytes the shape and dtype call for
 */
record NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, int[] shape, long dataBytes) {

  /** The accepted dtypes, for messages. */
  static final String ACCEPTED = "expected one of f2, f4, f8, b1, u1, i1, i4, i8 (any byte order)";

  /**
   * Decodes the header text. Refuses, with a message naming {@code source} and {@code key},
   * anything but a plain array of an accepted dtype: a list {@code descr} (record dtype), object,
   * string, void and datetime dtypes, and unknown codes. The data size is computed with overflow
   * checks, so a header claiming an absurd shape fails here, before anything is allocated.
   */
  static NpyHeader parse(String text, String source, String key) {
    Object parsed;
    try {
      parsed = PyLiteral.parse(text);
    } catch (PyLiteral.ParseException e) {
      throw new NpyFormatException(source, key, "malformed npy header: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> dict)) {
      throw new NpyFormatException(source, key, "npy header is not a dict");
    }
    for (String required : List.of("descr", "fortran_order", "shape")) {
      if (!dict.containsKey(required)) {
        throw new NpyFormatException(
            source, key, "npy header lacks '" + required + "'; found keys " + dict.keySet());
      }
    }
    Object descr = dict.get("descr");
    if (descr instanceof List<?>) {
      throw new NpyFormatException(
          source, key, "structured dtype " + descr + " (a list of fields) is refused; " + ACCEPTED);
    }
    if (!(descr instanceof String d)) {
      throw new NpyFormatException(source, key, "npy header 'descr' is not a string: " + descr);
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new NpyFormatException(
          source,
          key,
          "npy header 'fortran_order' is not True/False: " + dict.get("fortran_order"));
    }
    int[] shape = shape(dict.get("shape"), source, key);
    DType dtype = dtype(d, source, key);
    long bytes = dataBytes(shape, dtype, d, source, key);
    return new NpyHeader(dtype, byteOrder(d), fortran, shape, bytes);
  }

  /** The header text numpy would write for {@code a}: little-endian, C order, no padding. */
  static String format(NpyArray a) {
    String order = a.dtype().size == 1 ? "|" : "<";
    return "{'descr': '"
        + order
        + a.dtype().code
        + "', 'fortran_order': False, 'shape': "
        + shapeText(a.shape())
        + ", }";
  }

  /** A shape as Python prints a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
  static String shapeText(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (int s : shape) {
      j.add(Integer.toString(s));
    }
    return j.toString();
  }

  private static int[] shape(Object value, String source, String key) {
    if (!(value instanceof PyLiteral.Tuple tuple)) {
      throw new NpyFormatException(source, key, "npy header 'shape' is not a tuple: " + value);
    }
    int[] shape = new int[tuple.items().size()];
    for (int i = 0; i < shape.length; i++) {
      Object dim = tuple.items().get(i);
      if (!(dim instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
        throw new NpyFormatException(
            source,
            key,
            "npy header 'shape' "
                + tuple.items()
                + " has dimension "
                + dim
                + "; expected integers in [0, "
                + Integer.MAX_VALUE
                + "]");
      }
      shape[i] = (int) (long) n;
    }
    return shape;
  }

  private static DType dtype(String descr, String source, String key) {
    String code = hasOrderChar(descr) ? descr.substring(1) : descr;
    String kind = code.isEmpty() ? "" : code.substring(0, 1);
    String refused =
        switch (kind) {
          case "O" -> "(object/pickled arrays)";
          case "U", "S", "a" -> "(strings)";
          case "V" -> "(raw bytes or records)";
          case "M", "m" -> "(dates and times)";
          default -> null;
        };
    if (refused != null) {
      throw new NpyFormatException(
          source, key, "dtype '" + descr + "' " + refused + " is refused; " + ACCEPTED);
    }
    DType dtype = DType.ofCode(code);
    if (dtype == null) {
      throw new NpyFormatException(source, key, "unsupported dtype '" + descr + "'; " + ACCEPTED);
    }
    return dtype;
  }

  private static long dataBytes(int[] shape, DType dtype, String descr, String source, String key) {
    try {
      long n = 1;
      for (int s : shape) {
        n = Math.multiplyExact(n, s);
      }
      return Math.multiplyExact(n, dtype.size);
    } catch (ArithmeticException e) {
      throw new NpyFormatException(
          source,
          key,
          "shape " + shapeText(shape) + " of '" + descr + "' needs more than 2^63 bytes");
    }
  }

  private static boolean hasOrderChar(String descr) {
    return !descr.isEmpty() && "<>=|".indexOf(descr.charAt(0)) >= 0;
  }

  private static ByteOrder byteOrder(String descr) {
    // '|' (not applicable) and '=' (native) both leave the bytes as the writing machine had them;
    // numpy itself writes '<' or '>' for every multi-byte type.
    if (descr.startsWith("<")) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (descr.startsWith(">")) {
      return ByteOrder.BIG_ENDIAN;
    }
    return ByteOrder.nativeOrder();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public String toString() {
    return "NpyHeader["
        + dtype
        + " "
        + order
        + (fortranOrder ? " fortran " : " ")
        + Arrays.toString(shape)
        + "]";
  }
}
