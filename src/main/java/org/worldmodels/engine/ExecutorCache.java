package org.worldmodels.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.worldmodels.rnn.Checkpoints;

/**
 * What a worker JVM keeps loaded between units of work: a model is loaded once per JVM (per
 * executor, on Spark) and shared by every task thread there, keyed by what was asked for and the
 * checksum of the model's weights, so a retrained model under the same path is loaded again. At
 * most {@link #CAPACITY} entries are kept; the least recently used one is closed when another
 * arrives (one job runs at a time, so it is no longer in use).
 */
public final class ExecutorCache {
  /** Entries kept. */
  static final int CAPACITY = 2;

  private static final Map<Object, AutoCloseable> ENTRIES = new LinkedHashMap<>(4, 0.75f, true);
  private static final AtomicInteger LOADS = new AtomicInteger();

  private ExecutorCache() {}

  /** The entry for {@code key}, opened by {@code open} if this JVM holds none. */
  static synchronized <V extends AutoCloseable> V get(Object key, Callable<V> open)
      throws Exception {
    @SuppressWarnings("unchecked")
    V v = (V) ENTRIES.get(key);
    if (v == null) {
      v = open.call();
      LOADS.incrementAndGet();
      ENTRIES.put(key, v);
      Iterator<AutoCloseable> it = ENTRIES.values().iterator();
      while (ENTRIES.size() > CAPACITY) {
        AutoCloseable old = it.next();
        it.remove();
        old.close();
      }
    }
    return v;
  }

  /** How many entries this JVM has loaded so far (for tests: once per JVM, not per task). */
  public static int loads() {
    return LOADS.get();
  }

  /**
   * SHA-256 of the files of a model directory's latest checkpoint (and of {@code latest.json}), in
   * name order, as hex.
   *
   * @throws IllegalArgumentException if {@code modelDir} is not a model directory
   */
  public static String checksum(Path modelDir) {
    Path ckpt = Checkpoints.latestDir(modelDir);
    try (Stream<Path> files = Files.list(ckpt)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(modelDir.resolve(Checkpoints.LATEST)));
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(f)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }
}
