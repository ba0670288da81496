package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Json;

/**
 * Which phases of a run have finished, written atomically to {@code run-state.json} after each one,
 * so that {@code run --resume} can continue a killed run: finished phases are restored, not redone
 * ({@link RunPhase#restore}), and the first unfinished one starts again from what it left on disk
 * (training from its last checkpoint, CMA-ES from its state file). The journal also keeps the
 * recipe, seed and TensorFlow thread settings it was started with (a resume with others is refused:
 * they give other bits) and each finished phase's seconds, so that {@code summary.json}'s {@code
 * seconds} stay the whole run's.
 *
 * @param seed the run's seed
 * @param recipe the recipe as JSON
 * @param threads the thread settings the run started with (null in journals from before they were
 *     recorded, which resume unchecked)
 * @param finished finished phases as {@code "round/phase"}, in order
 * @param seconds seconds of the finished phases, by phase name, summed over rounds
 * @param saved what each finished phase saved for its restore ({@link RunPhase#save}), by {@code
 *     "round/phase"}
 */
record RunJournal(
    long seed,
    JsonNode recipe,
    ThreadSettings threads,
    List<String> finished,
    Map<String, Double> seconds,
    Map<String, JsonNode> saved) {
  /** The journal's file name in a run directory. */
  static final String FILE = "run-state.json";

  RunJournal {
    finished = List.copyOf(finished);
    seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    saved = Collections.unmodifiableMap(new LinkedHashMap<>(saved));
  }

  /**
   * TensorFlow's thread settings, on which a run's bits depend: the intra-op thread count ({@link
   * TfRuntime#threads()}) and whether sessions own their threads ({@link
   * TfRuntime#sessionsOwnThreads()}, V's encoding differs between the two).
   */
  record ThreadSettings(int count, boolean sessionsOwnThreads) {
    static ThreadSettings current() {
      return new ThreadSettings(TfRuntime.threads(), TfRuntime.sessionsOwnThreads());
    }
  }

  /** A new run's journal, written to {@code out}. */
  static RunJournal start(Path out, Recipe recipe, long seed) throws IOException {
    RunJournal j =
        new RunJournal(
            seed,
            Json.valueToTree(recipe),
            ThreadSettings.current(),
            List.of(),
            Map.of(),
            Map.of());
    Json.write(out.resolve(FILE), j);
    return j;
  }

  /**
   * The journal of the killed run in {@code out}.
   *
   * @throws IllegalArgumentException if there is none, or it was started with another recipe or
   *     seed
   */
  static RunJournal resume(Path out, Recipe recipe, long seed) {
    Path file = out.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--resume "
              + out
              + ": no "
              + FILE
              + " there; expected the directory of a run to continue");
    }
    RunJournal j = Json.read(file, RunJournal.class);
    if (j.seed() != seed) {
      throw new IllegalArgumentException(
          "--resume " + out + ": the run was started with --seed " + j.seed() + ", not " + seed);
    }
    JsonNode now = Json.valueToTree(recipe);
    if (!now.equals(j.recipe())) {
      throw new IllegalArgumentException(
          "--resume "
              + out
              + ": the recipe differs from the one the run was started with "
              + Json.line(j.recipe()));
    }
    if (j.threads() != null) {
      TfRuntime.checkResumed(out, j.threads().count(), j.threads().sessionsOwnThreads());
    }
    return j;
  }

  /** Whether phase {@code phase} of round {@code round} has finished. */
  boolean isFinished(int round, String phase) {
    return finished.contains(key(round, phase));
  }

  /** What phase {@code phase} of round {@code round} saved when it finished (may be null). */
  JsonNode saved(int round, String phase) {
    return saved.get(key(round, phase));
  }

  /**
   * This journal with one more finished phase, written to {@code out}.
   *
   * @param products what the phase's restore needs (null: nothing)
   */
  RunJournal finish(Path out, int round, String phase, double phaseSeconds, JsonNode products)
      throws IOException {
    List<String> f = new ArrayList<>(finished);
    f.add(key(round, phase));
    Map<String, Double> s = new LinkedHashMap<>(seconds);
    s.merge(phase, phaseSeconds, Double::sum);
    Map<String, JsonNode> keep = new LinkedHashMap<>(saved);
    if (products != null) {
      keep.put(key(round, phase), products);
    }
    RunJournal j = new RunJournal(seed, recipe, threads, f, s, keep);
    Json.write(out.resolve(FILE), j);
    return j;
  }

  private static String key(int round, String phase) {
    return round + "/" + phase;
  }
}
