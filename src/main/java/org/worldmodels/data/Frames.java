package org.worldmodels.data;

import java.util.Arrays;

/**
 * The frames of one episode, uint8 RGB {@code [count, height, width, 3]}, row-major with row 0 at
 * the top: the {@code frames} key of an episode file (ARCHITECTURE.md, "Pixels and the vision model
 * V"). Frame {@code t} is {@code data[t * frameBytes() .. (t + 1) * frameBytes())}.
 *
 * <p>Frames stay bytes: a whole episode of 64 x 64 frames is 12 KiB a step, where float32 would be
 * four times that. Consumers convert one frame or one batch at a time with {@link #copyUnit}, into
 * values in [0, 1] ({@link #unit(byte)}: {@code v / 255}, the same conversion the pixel
 * environments apply to their observations, so a model sees the same numbers from files and from a
 * live environment).
 *
 * <pre>{@code
 * Frames f = episode.frames();               // [T+1, 64, 64, 3]
 * float[] batch = new float[100 * f.frameBytes()];
 * f.copyUnit(t, batch, i * f.frameBytes()); // frame t as row i of a batch, values in [0, 1]
 * }</pre>
 *
 * <p>The array is not copied (frames are large): the record owns it and nobody may change it
 * afterwards. {@link #equals} compares contents.
 *
 * @param data {@code count * height * width * 3} bytes, unsigned
 * @param count frames, at least 1
 * @param height rows of a frame, at least 1
 * @param width columns of a frame, at least 1
 */
public record Frames(byte[] data, int count, int height, int width) {
  /** Channels of a frame: RGB. */
  public static final int CHANNELS = 3;

  /** Checks the shape against the data's length; messages name the {@code frames} key. */
  public Frames {
    if (data == null) {
      throw new IllegalArgumentException("key 'frames': missing (null)");
    }
    if (count < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "key 'frames': shape ["
              + count
              + ", "
              + height
              + ", "
              + width
              + ", 3]; expected every axis >= 1");
    }
    long n = (long) count * height * width * CHANNELS;
    if (n != data.length) {
      throw new IllegalArgumentException(
          "key 'frames': "
              + data.length
              + " bytes for shape ["
              + count
              + ", "
              + height
              + ", "
              + width
              + ", 3], which needs "
              + n);
    }
  }

  /** A value in [0, 1] of one unsigned byte: {@code (b & 0xff) / 255f}. */
  public static float unit(byte b) {
    return (b & 0xff) / 255f;
  }

  /** Bytes of one frame: {@code height * width * 3}. */
  public int frameBytes() {
    return height * width * CHANNELS;
  }

  /** The numpy shape, {@code [count, height, width, 3]}. */
  public int[] shape() {
    return new int[] {count, height, width, CHANNELS};
  }

  /** A copy of frame {@code t}, {@code [height, width, 3]} bytes. */
  public byte[] frame(int t) {
    checkIndex(t);
    return Arrays.copyOfRange(data, t * frameBytes(), (t + 1) * frameBytes());
  }

  /**
   * Writes frame {@code t} into {@code dst} from {@code offset} as values in [0, 1] ({@link
   * #unit(byte)}), {@link #frameBytes()} of them.
   */
  public void copyUnit(int t, float[] dst, int offset) {
    checkIndex(t);
    int n = frameBytes();
    if (offset < 0 || offset > dst.length - n) {
      throw new IllegalArgumentException(
          "frame of " + n + " values does not fit at " + offset + " in " + dst.length);
    }
    int from = t * n;
    for (int i = 0; i < n; i++) {
      dst[offset + i] = unit(data[from + i]);
    }
  }

  private void checkIndex(int t) {
    if (t < 0 || t >= count) {
      throw new IllegalArgumentException("frame index must be in [0, " + count + "), got " + t);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frames f
        && count == f.count
        && height == f.height
        && width == f.width
        && Arrays.equals(data, f.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + count;
  }

  @Override
  public String toString() {
    return "Frames[" + count + ", " + height + ", " + width + ", 3]";
  }
}
