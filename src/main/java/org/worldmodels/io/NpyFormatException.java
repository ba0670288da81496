package org.worldmodels.io;

/**
 * A {@code .npy} or {@code .npz} file that this project refuses to read: bad magic, an unsupported
 * version, a dtype we do not decode (objects, strings, records), a shape that does not match the
 * bytes present, or a damaged zip. The message is one line that names the file, the array (npz key)
 * when there is one, what was found and what was expected, e.g.
 *
 * <pre>
 * data/ep1.npz: key 'z': dtype '|O' (object/pickled arrays) is refused; expected ...
 * </pre>
 *
 * <p>It is an {@link IllegalArgumentException} because the file is the caller's input: the command
 * line reports it as a bad argument, not as a bug.
 */
public class NpyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Where the bytes came from: a file path or a description such as {@code <bytes>}. */
  private final String source;

  /** The npz key of the array, or null for a plain {@code .npy} or the archive as a whole. */
  private final String key;

  /**
   * @param source the file (or other origin) of the bytes
   * @param key the npz key, or null
   * @param detail what was found and what was expected
   */
  public NpyFormatException(String source, String key, String detail) {
    this(source, key, detail, null);
  }

  /** As {@link #NpyFormatException(String, String, String)}, keeping the low-level cause. */
  public NpyFormatException(String source, String key, String detail, Throwable cause) {
    super(message(source, key, detail), cause);
    this.source = source;
    this.key = key;
  }

  /** The file (or other origin) of the refused bytes. */
  public String source() {
    return source;
  }

  /** The npz key of the refused array, or null. */
  public String key() {
    return key;
  }

  static String message(String source, String key, String detail) {
    return source + ": " + (key == null ? "" : "key '" + key + "': ") + detail;
  }
}
