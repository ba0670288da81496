package org.worldmodels.io;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.worldmodels.util.AtomicFiles;

/**
 * Reads and writes numpy {@code .npz} archives: a zip whose entry {@code k.npy} holds the array of
 * key {@code k}.
 *
 * <p>Reading uses {@link ZipFile}, which handles what numpy writes: stored entries ({@code
 * np.savez}), deflated ones ({@code np.savez_compressed}) and the zip64 local headers numpy always
 * emits. Entry sizes are taken from the zip directory and checked before anything is read, so a
 * damaged archive fails with a one-line {@link NpyFormatException} naming the file and key.
 *
 * <p>Writing is deterministic: entries are deflated at a fixed level in the map's order, with a
 * fixed timestamp, so the same arrays always give the same bytes. Weight files rely on this to be
 * bitwise reproducible.
 */
public final class Npz {
  /**
   * The timestamp of every entry we write, independent of clock and time zone. Not the zip epoch
   * 1980-01-01 00:00 that numpy uses: the JDK takes exactly that value for "before 1980" and then
   * adds an extended-timestamp field computed in the default time zone.
   */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private static final String SUFFIX = ".npy";

  private Npz() {}

  /** All arrays of {@code file}, keyed by entry name without {@code .npy}, in entry order. */
  public static Map<String, NpyArray> read(Path file) throws IOException {
    return read(file, key -> true);
  }

  /**
   * The arrays of {@code file} whose keys {@code wanted} accepts, in entry order. Entries not
   * wanted are not decoded at all, so an unrelated key of a refused dtype does no harm.
   *
   * @throws NpyFormatException if the file is not a zip, an entry is not an npy array, or a wanted
   *     array is refused by {@link Npy}
   * @throws NoSuchFileException if the file does not exist
   */
  public static Map<String, NpyArray> read(Path file, Predicate<String> wanted) throws IOException {
    String source = file.toString();
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipFile zip = open(file)) {
      for (ZipEntry entry : entries(zip)) {
        String key = key(entry, source);
        if (!wanted.test(key)) {
          continue;
        }
        if (arrays.containsKey(key)) {
          throw new NpyFormatException(source, key, "appears twice in the archive");
        }
        arrays.put(key, readEntry(zip, entry, source, key));
      }
    }
    return arrays;
  }

  /** The keys of {@code file} in entry order, without decoding any array. */
  public static List<String> keys(Path file) throws IOException {
    String source = file.toString();
    try (ZipFile zip = open(file)) {
      List<String> keys = new ArrayList<>();
      for (ZipEntry entry : entries(zip)) {
        keys.add(key(entry, source));
      }
      return keys;
    }
  }

  /**
   * Writes {@code arrays} to {@code file} atomically, one deflated entry {@code key.npy} per key in
   * the map's iteration order (use a {@link LinkedHashMap} or a sorted map for a stable order).
   */
  public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
    for (String key : arrays.keySet()) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException(
            file + ": npz keys must be non-empty, got '" + key + "'");
      }
    }
    AtomicFiles.write(file, out -> write(out, arrays));
  }

  /** Writes the archive to {@code out}, which is left open. */
  public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
    // Closing the zip stream (not just finishing it) frees its Deflater's native memory now
    // rather than at garbage collection; the shield keeps the caller's stream open.
    try (ZipOutputStream zip = new ZipOutputStream(new CloseShield(out))) {
      zip.setMethod(ZipOutputStream.DEFLATED);
      zip.setLevel(Deflater.DEFAULT_COMPRESSION);
      for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
        // setTimeLocal, not setTime: setTime converts through the default time zone, so the
        // bytes would depend on where the file was written.
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        Npy.write(zip, e.getValue());
        zip.closeEntry();
      }
    }
  }

  /** Passes writes through and turns close into flush. */
  private static final class CloseShield extends FilterOutputStream {
    CloseShield(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static ZipFile open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such npz file");
    }
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new NpyFormatException(
          file.toString(),
          null,
          "not a readable npz (zip) archive (" + e.getMessage() + "); truncated or not an npz?",
          e);
    }
  }

  private static List<ZipEntry> entries(ZipFile zip) {
    List<ZipEntry> list = new ArrayList<>();
    Enumeration<? extends ZipEntry> en = zip.entries();
    for (ZipEntry entry : Collections.list(en)) {
      if (!entry.isDirectory()) {
        list.add(entry);
      }
    }
    return list;
  }

  private static String key(ZipEntry entry, String source) {
    String name = entry.getName();
    if (!name.endsWith(SUFFIX)) {
      throw new NpyFormatException(
          source,
          null,
          "entry '" + name + "' is not an .npy array; an npz holds only .npy entries");
    }
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static NpyArray readEntry(ZipFile zip, ZipEntry entry, String source, String key)
      throws IOException {
    long size = entry.getSize();
    // The directory's size is checked first: an absurd one is refused before a byte is inflated.
    if (size > Npy.MAX_DATA_BYTES + Npy.MAX_HEADER_BYTES) {
      throw new NpyFormatException(
          source,
          key,
          "zip directory gives "
              + size
              + " bytes uncompressed; at most "
              + (Npy.MAX_DATA_BYTES + Npy.MAX_HEADER_BYTES)
              + " can be read");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return Npy.read(in, size, source, key);
    } catch (ZipException | EOFException e) {
      throw new NpyFormatException(
          source, key, "corrupt zip entry (" + e.getMessage() + "); truncated file?", e);
    }
  }
}
