package org.worldmodels.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.worldmodels.io.NpyArray.DType;
import org.worldmodels.util.AtomicFiles;

/**
 * Reads and writes numpy {@code .npy} arrays without numpy and without a library.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0; dtypes f2, f4, f8, b1, u1, i1, i4 and i8 in
 * any byte order; C or Fortran order (Fortran data is transposed to C order); shapes of any rank
 * including 0-d. It never unpickles: object, string, record and unknown dtypes are refused with a
 * one-line {@link NpyFormatException}. The size the header promises is checked against the bytes
 * present before the array is allocated, so a corrupt or hostile header fails fast instead of
 * exhausting memory.
 *
 * <p>Writing produces version 1.0, little-endian, C order, with the header padded by spaces so the
 * data starts on a 64-byte boundary, exactly as {@code numpy.save} does.
 *
 * <pre>{@code
 * NpyArray a = Npy.read(Path.of("x.npy"));
 * Npy.write(Path.of("y.npy"), NpyArray.ofFloats(new float[] {1, 2, 3}, 3));
 * }</pre>
 */
public final class Npy {
  /** Largest data block we read: Java arrays are indexed by int (and a little below MAX_VALUE). */
  public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

  /** Header length limit; numpy's own reader stops at 10,000 bytes by default. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int CHUNK = 1 << 20;

  private Npy() {}

  /** Reads the npy array in {@code file}. */
  public static NpyArray read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, Files.size(file), file.toString(), null);
    }
  }

  /** Reads an npy array held in memory; the bytes must hold exactly one array. */
  public static NpyArray read(byte[] bytes) {
    try {
      return read(new ByteArrayInputStream(bytes), bytes.length, "<bytes>", null);
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
  }

  /**
   * Reads one npy array from {@code in}.
   *
   * @param in the stream, positioned at the magic string
   * @param length the number of bytes the array occupies if known (then they must match exactly:
   *     missing bytes mean a truncated file, extra bytes a corrupt one), or -1 if unknown (then the
   *     stream is left just after the array)
   * @param source the file or other origin, for messages
   * @param key the npz key, for messages; null for a plain npy
   * @throws NpyFormatException if the bytes are not an array this reader accepts
   */
  public static NpyArray read(InputStream in, long length, String source, String key)
      throws IOException {
    Preamble pre = readPreamble(in, length, source, key);
    NpyHeader header = pre.header();
    long want = header.dataBytes();
    String what = "shape " + NpyHeader.shapeText(header.shape()) + " of " + header.dtype().code;
    if (want > MAX_DATA_BYTES) {
      throw new NpyFormatException(
          source,
          key,
          what + " needs " + want + " bytes; at most " + MAX_DATA_BYTES + " can be read");
    }
    if (length >= 0) {
      long present = length - pre.size();
      if (present != want) {
        throw new NpyFormatException(
            source,
            key,
            (present < want ? "truncated: " : "")
                + what
                + " needs "
                + want
                + " data bytes, "
                + present
                + " present");
      }
    }
    // Read before decoding; the buffer grows with the bytes that actually arrive.
    byte[] raw = readUpTo(in, (int) want);
    if (raw.length < want) {
      throw new NpyFormatException(
          source,
          key,
          "truncated: " + what + " needs " + want + " data bytes, " + raw.length + " present");
    }
    if (header.fortranOrder() && header.shape().length > 1) {
      raw = NpyOrder.fortranToC(raw, header.shape(), header.dtype().size);
    }
    return new NpyArray(header.dtype(), header.shape(), decode(raw, header));
  }

  /** The decoded header and the number of bytes before the data (magic to padding). */
  private record Preamble(NpyHeader header, long size) {}

  private static Preamble readPreamble(InputStream in, long length, String source, String key)
      throws IOException {
    byte[] preamble = readUpTo(in, MAGIC.length + 2);
    if (preamble.length < MAGIC.length + 2
        || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
      throw new NpyFormatException(
          source,
          key,
          "not an npy array: starts with "
              + printable(preamble)
              + "; expected the magic string \\x93NUMPY"
              + (preamble.length < MAGIC.length + 2 ? " (file truncated?)" : ""));
    }
    int major = preamble[MAGIC.length] & 0xff;
    int minor = preamble[MAGIC.length + 1] & 0xff;
    if (minor != 0 || major < 1 || major > 3) {
      throw new NpyFormatException(
          source,
          key,
          "unsupported npy version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lenField = readUpTo(in, lengthBytes);
    if (lenField.length < lengthBytes) {
      throw new NpyFormatException(source, key, "truncated: the npy preamble is incomplete");
    }
    ByteBuffer lb = ByteBuffer.wrap(lenField).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen = major == 1 ? (lb.getShort() & 0xffff) : (lb.getInt() & 0xffffffffL);
    long preambleLen = MAGIC.length + 2 + lengthBytes;
    if (headerLen > MAX_HEADER_BYTES) {
      throw new NpyFormatException(
          source,
          key,
          "npy header claims " + headerLen + " bytes; expected at most " + MAX_HEADER_BYTES);
    }
    if (length >= 0 && preambleLen + headerLen > length) {
      throw new NpyFormatException(
          source,
          key,
          "truncated: npy header claims "
              + headerLen
              + " bytes but only "
              + Math.max(0, length - preambleLen)
              + " follow");
    }
    byte[] headerBytes = readUpTo(in, (int) headerLen);
    if (headerBytes.length < headerLen) {
      throw new NpyFormatException(
          source, key, "truncated: npy header of " + headerLen + " bytes is cut short");
    }
    // Versions 1 and 2 store the header as latin-1; version 3 allows UTF-8.
    String text =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return new Preamble(NpyHeader.parse(text, source, key), preambleLen + headerLen);
  }

  /** Writes {@code a} as an npy file, atomically (temporary file, then rename). */
  public static void write(Path file, NpyArray a) throws IOException {
    AtomicFiles.write(file, out -> write(out, a));
  }

  /** The npy bytes of {@code a}. */
  public static byte[] toBytes(NpyArray a) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, a);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Writes {@code a} to {@code out} in npy format 1.0 (little-endian, C order). */
  public static void write(OutputStream out, NpyArray a) throws IOException {
    String dict = NpyHeader.format(a);
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // +1 for the final newline
    int pad = (ALIGN - unpadded % ALIGN) % ALIGN;
    String header = dict + " ".repeat(pad) + "\n";
    if (header.length() > 0xffff) {
      throw new IllegalArgumentException(
          "npy 1.0 header of " + header.length() + " bytes exceeds 65535 for shape " + a);
    }
    ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.write(pre.array());
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    out.write(encode(a));
  }

  private static Object decode(byte[] raw, NpyHeader header) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(header.order());
    int n = raw.length / header.dtype().size;
    return switch (header.dtype()) {
      case FLOAT16 -> {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = Float16.toFloat(b.getShort(2 * i));
        }
        yield f;
      }
      case FLOAT32 -> {
        float[] f = new float[n];
        b.asFloatBuffer().get(f); // raw bit copy: NaN payloads survive
        yield f;
      }
      case FLOAT64 -> {
        double[] d = new double[n];
        b.asDoubleBuffer().get(d);
        yield d;
      }
      case BOOL -> {
        boolean[] z = new boolean[n];
        for (int i = 0; i < n; i++) {
          z[i] = raw[i] != 0;
        }
        yield z;
      }
      case UINT8, INT8 -> raw;
      case INT32 -> {
        int[] v = new int[n];
        b.asIntBuffer().get(v);
        yield v;
      }
      case INT64 -> {
        long[] v = new long[n];
        b.asLongBuffer().get(v);
        yield v;
      }
    };
  }

  private static byte[] encode(NpyArray a) {
    DType t = a.dtype();
    int n = a.size();
    ByteBuffer b =
        ByteBuffer.allocate(Math.multiplyExact(n, t.size)).order(ByteOrder.LITTLE_ENDIAN);
    switch (t) {
      case FLOAT16 -> {
        for (float f : (float[]) a.data()) {
          b.putShort(Float16.fromFloat(f));
        }
      }
      case FLOAT32 -> b.asFloatBuffer().put((float[]) a.data());
      case FLOAT64 -> b.asDoubleBuffer().put((double[]) a.data());
      case BOOL -> {
        for (boolean z : (boolean[]) a.data()) {
          b.put((byte) (z ? 1 : 0));
        }
      }
      case UINT8, INT8 -> b.put((byte[]) a.data());
      case INT32 -> b.asIntBuffer().put((int[]) a.data());
      case INT64 -> b.asLongBuffer().put((long[]) a.data());
    }
    return b.array();
  }

  /**
   * Reads up to {@code n} bytes, fewer only at end of stream. Memory grows in chunks with the bytes
   * that arrive, so a header that lies about the size cannot make us allocate it up front.
   */
  static byte[] readUpTo(InputStream in, int n) throws IOException {
    byte[] buf = new byte[Math.min(n, CHUNK)];
    int filled = 0;
    while (filled < n) {
      if (filled == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
      }
      int got = in.read(buf, filled, buf.length - filled);
      if (got < 0) {
        return Arrays.copyOf(buf, filled);
      }
      filled += got;
    }
    return buf;
  }

  /** The first bytes as a Python-style literal, for a message about a bad magic string. */
  private static String printable(byte[] bytes) {
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < Math.min(bytes.length, MAGIC.length); i++) {
      int c = bytes[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        s.append((char) c);
      } else {
        s.append(String.format("\\x%02x", c));
      }
    }
    return s.append("'").toString();
  }
}
