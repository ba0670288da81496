package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One phase of a pipeline run: it reads the recipe section it owns and the products of the phases
 * before it from the {@link RunContext}, leaves its own products there, and may add keys to {@code
 * summary.json} and sections to {@code report.md}. The pipeline times each phase under its {@link
 * #name()}; new capabilities (rounds, pixels, engines) are new phases, not a rewrite of {@link
 * Pipeline} or {@link RunReport}.
 *
 * <pre>{@code
 * final class EncodePhase implements RunPhase {
 *   public String name() { return "encode"; }
 *   public void run(RunContext run) throws IOException {
 *     // read run.episodesDir(), write encoded episodes, then:
 *     run.report().add("Vision model", "![reconstructions](plots/vae.png)\n");
 *   }
 * }
 * }</pre>
 */
interface RunPhase {

  /** The key of this phase in {@code summary.json}'s {@code seconds}. */
  String name();

  /** Runs the phase. */
  void run(RunContext run) throws IOException;

  /**
   * What {@link #restore} needs besides the phase's files, saved in the run's journal when the
   * phase finishes (null: nothing).
   */
  default JsonNode save(RunContext run) {
    return null;
  }

  /**
   * Brings the products of this phase, finished before a run was killed, back into {@code run}
   * without redoing its work ({@code run --resume}), from its files and what {@link #save}
   * returned; by default it runs again.
   */
  default void restore(RunContext run, JsonNode saved) throws IOException {
    run(run);
  }
}
