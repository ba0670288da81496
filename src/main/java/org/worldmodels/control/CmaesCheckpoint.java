package org.worldmodels.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;

/**
 * A {@link CmaesSearch} between generations, on disk: the {@link CmaesState} and the history so
 * far, as one line of JSON (doubles are written in their shortest round-trip form, so a state read
 * back is bitwise the one written).
 *
 * <pre>{@code
 * {
 *   "format" : "worldmodels-cmaes-state",
 *   "format_version" : 1,
 *   "state" : {
 *     "config" : {"dimension" : 4, "population_size" : 6, "initial_sigma" : 0.5, "seed" : 7},
 *     "mean" : [...], "sigma" : 0.41, "covariance" : [[...], ...], "eigenvectors" : [[...], ...],
 *     "axis_lengths" : [...], "sigma_path" : [...], "covariance_path" : [...],
 *     "generation" : 2, "eigen_generation" : 2, "best" : [...], "best_fitness" : -4.9
 *   },
 *   "history" : [{"generation" : 1, "best_return" : 4.9, "mean_return" : 1.2, "sigma" : 0.45}, ...]
 * }
 * }</pre>
 *
 * @param state the CMA-ES state after {@code history.size()} generations
 * @param history one entry per completed generation
 */
public record CmaesCheckpoint(CmaesState state, List<CmaesSearch.Generation> history) {
  /** The {@code format} value of state files. */
  public static final String FORMAT = "worldmodels-cmaes-state";

  /** The layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** Checks that the history has one entry per completed generation and copies it. */
  public CmaesCheckpoint {
    Check.argument(state != null, "CMA-ES state must be given");
    Check.argument(
        history != null && history.size() == state.generation(),
        "history has "
            + (history == null ? "no" : String.valueOf(history.size()))
            + " entries for "
            + state.generation()
            + " completed generations");
    history = List.copyOf(history);
  }

  /** Writes this checkpoint to {@code file}, atomically (a crash leaves the old one or this). */
  public void write(Path file) throws IOException {
    Json.writeCompact(file, new FileForm(FORMAT, FORMAT_VERSION, state, history));
  }

  /**
   * Reads and validates a state file.
   *
   * @throws IllegalArgumentException naming the file for a missing or malformed file, another
   *     format or version, or values that do not form a CMA-ES state
   */
  public static CmaesCheckpoint read(Path file) {
    // The header first, so that another kind of file is named as such, not by its first odd key.
    Header h = Json.read(file, Header.class);
    Check.argument(
        FORMAT.equals(h.format()),
        file + ": format '" + h.format() + "'; expected '" + FORMAT + "'");
    Check.argument(
        h.formatVersion() != null && h.formatVersion() == FORMAT_VERSION,
        file + ": format_version " + h.formatVersion() + "; this build reads " + FORMAT_VERSION);
    FileForm f = Json.read(file, FileForm.class);
    try {
      return new CmaesCheckpoint(f.state(), f.history() == null ? List.of() : f.history());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that this state can continue a search with {@code config} over {@code generations}.
   *
   * @throws IllegalArgumentException naming {@code file} and both values otherwise
   */
  public void requireResumable(CmaesConfig config, int generations, Path file) {
    Check.argument(
        state.config().equals(config),
        file
            + ": written by a search with "
            + state.config()
            + "; this search has "
            + config
            + " (population, initial sigma, seed and controller size must match to resume)");
    Check.argument(
        state.generation() <= generations,
        file
            + ": "
            + state.generation()
            + " generations done, more than the "
            + generations
            + " asked for");
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Header(
      @JsonProperty("format") String format,
      @JsonProperty("format_version") Integer formatVersion) {}

  private record FileForm(
      @JsonProperty("format") String format,
      @JsonProperty("format_version") int formatVersion,
      @JsonProperty("state") CmaesState state,
      @JsonProperty("history") List<CmaesSearch.Generation> history) {}
}
