package org.worldmodels.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.worldmodels.util.Json;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /** Prints {@code key, value, key, value...} as one JSON line on the command's standard output. */
  static void printJson(CommandSpec spec, Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    printJson(spec, m);
  }

  /** Prints {@code value} as one JSON line on the command's standard output. */
  static void printJson(CommandSpec spec, Object value) {
    spec.commandLine().getOut().println(Json.line(value));
    spec.commandLine().getOut().flush();
  }

  /** Runs an I/O action on a user-named path, reporting failures as bad input about it. */
  static <T> T io(String what, IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(what + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Builds a value whose checks name settings by key ({@code steps must be ...}), replacing the key
   * that opens a refusal by where the value came from, e.g. {@code --steps must be ...}.
   *
   * @param names message prefix (the key, as the check names it) to its source (a flag, or a config
   *     file's key)
   */
  static <T> T named(Map<String, String> names, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      for (var n : names.entrySet()) {
        if (m.startsWith(n.getKey() + " ")) {
          throw new IllegalArgumentException(n.getValue() + m.substring(n.getKey().length()), e);
        }
      }
      throw e;
    }
  }

  /** An I/O action. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }
}
