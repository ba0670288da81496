package org.worldmodels.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.worldmodels.util.Json;

/**
 * Access to the numpy-written fixtures in {@code src/test/resources/fixtures/npy/}.
 *
 * <p>Written by {@code src/test/python/make_npy_fixtures.py} (numpy 2.4). To regenerate:
 *
 * <pre>
 *   python3 src/test/python/make_npy_fixtures.py src/test/resources/fixtures/npy
 * </pre>
 */
public final class NpyFixtures {
  private NpyFixtures() {}

  /** The path of fixture {@code name}. */
  public static Path path(String name) {
    URL url = NpyFixtures.class.getResource("/fixtures/npy/" + name);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + name + "; run make_npy_fixtures.py");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** expected.json: per fixture, the descr, shape and flat C-order values numpy wrote. */
  public static JsonNode expected() {
    return Json.readTree(path("expected.json"));
  }

  /** Hand-made npy bytes: any version, any header text, any data (for corrupt cases). */
  public static byte[] npyBytes(int major, int minor, String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer b =
        ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) major).put((byte) minor);
    if (major == 1) {
      b.putShort((short) h.length);
    } else {
      b.putInt(h.length);
    }
    b.put(h).put(data);
    return b.array();
  }

  /** Whether {@code python3} with numpy can be run here (tests that need it skip otherwise). */
  public static boolean pythonWithNumpy() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
