package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.engine.Engine;
import org.worldmodels.engine.SweepResult;
import org.worldmodels.util.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code run --seeds A-B} (a picocli mixin): the recipe at seeds A..B, one unit of work per seed on
 * the chosen engine; and {@code run --engine spark}, one seed as one unit.
 */
final class SweepOptions {
  @Option(
      names = "--seeds",
      description =
          "Run the recipe at seeds A..B (A-B) into <out>/<env>-<seed> (default out: runs) and"
              + " write <out>/<env>-sweep.json.")
  String seeds;

  /** Whether {@code run} goes through the engine: a sweep, or an engine other than local. */
  boolean onEngine(EngineOptions engine) {
    return !engine.local() || seeds != null;
  }

  /**
   * Runs on the engine: with {@code --seeds}, the sweep, printed as one JSON line; otherwise one
   * run into {@code out} (default {@code runs/<env>-<seed>}), printing its summary. With {@code
   * resume}, runs found in their directories are continued.
   */
  void run(
      CommandSpec spec,
      EngineOptions engine,
      Path recipeDir,
      Path out,
      long seed,
      String env,
      boolean resume)
      throws IOException {
    List<Long> list = seeds == null ? null : parse(seeds);
    try (Engine e = engine.open()) {
      String line;
      if (list == null) {
        line =
            e.run(recipeDir, out != null ? out : Path.of("runs", env + "-" + seed), seed, resume);
      } else {
        SweepResult r = e.sweep(recipeDir, out != null ? out : Path.of("runs"), list, resume);
        line = Json.line(r);
      }
      spec.commandLine().getOut().println(line);
      spec.commandLine().getOut().flush();
    }
  }

  /** {@code A-B} with {@code 0 <= A <= B}, or a single seed {@code A}. */
  static List<Long> parse(String seeds) {
    String bad = "--seeds must be A-B with 0 <= A <= B (at most 10000 seeds), got '" + seeds + "'";
    String[] parts = seeds.trim().split("-", -1);
    long a;
    long b;
    try {
      a = Long.parseLong(parts[0]);
      b = parts.length == 1 ? a : Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad, e);
    }
    if (parts.length > 2 || a < 0 || b < a || b - a >= 10_000) {
      throw new IllegalArgumentException(bad);
    }
    List<Long> out = new ArrayList<>();
    for (long s = a; s <= b; s++) {
      out.add(s);
    }
    return out;
  }
}
