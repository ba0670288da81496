package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.worldmodels.control.CmaesCheckpoint;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.report.RunPlots;
import org.worldmodels.util.Json;

/**
 * Trains the controller with CMA-ES in the dream only (the recipe's {@code control} settings),
 * starting dreams from the first latents of the collected episodes (every round's), and writes
 * {@code controller.json}; round r's dreams are keyed by r. From round 1 on, unless {@code
 * rounds.keep_incumbent} is false, the previous round's controller is the search's incumbent: kept
 * unless the new search's mean does better on the same dreams of this round's model. Nothing here
 * reaches the real environment.
 */
final class ControlPhase implements RunPhase {
  @Override
  public String name() {
    return "control";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Recipe.Control rc = run.recipe().control();
    // A resumed run finds the file from before (the same search writes the same bytes again).
    Files.deleteIfExists(run.controllerFile());
    Files.createDirectories(run.cmaesStateFile().getParent());
    int generations = rc.generations();
    if (continues(run)) {
      // The previous round's final state, history kept, is where this round's search starts; a
      // resumed run finds this round's own state file already there.
      Path previous = run.cmaesStateFile(run.round() - 1);
      if (!Files.exists(run.cmaesStateFile())) {
        Files.copy(previous, run.cmaesStateFile());
      }
      generations += CmaesCheckpoint.read(previous).state().generation();
    }
    run.setControl(
        DreamControlTraining.run(
            ControlRequest.builder(run.modelDir(), run.latentDir(), run.controllerFile())
                .controller(rc.controller())
                .hiddenUnits(rc.hiddenUnits())
                .population(rc.population())
                .generations(generations)
                .rollouts(rc.rollouts())
                .temperature(rc.temperature())
                .doneThreshold(rc.doneThreshold())
                .haltMargin(rc.haltMargin())
                .initialSigma(rc.initialSigma())
                .context(rc.context())
                .seed(run.seed())
                .round(run.round())
                .state(run.cmaesStateFile())
                .incumbent(incumbent(run))
                .build(),
            run.progress()));
    plot(run);
  }

  /** From round 1 on, unless the recipe says otherwise: the previous round's controller. */
  private static Path incumbent(RunContext run) {
    return run.round() > 0 && run.recipe().roundsOrOne().keepsIncumbent()
        ? run.roundDir(run.round() - 1).resolve("controller.json")
        : null;
  }

  private static boolean continues(RunContext run) {
    return run.round() > 0 && run.recipe().roundsOrOne().continueSearch();
  }

  @Override
  public JsonNode save(RunContext run) {
    return Json.objectNode()
        .put("dream_mean_return", run.control().dreamMeanReturn())
        .put("chosen", run.control().chosen());
  }

  /**
   * The finished search's result: its controller (the round's kept copy once the round is over; a
   * later round replaces {@code controller.json}), history from its state file, dream return from
   * the journal.
   */
  @Override
  public void restore(RunContext run, JsonNode saved) throws IOException {
    Path kept = run.roundDir(run.round()).resolve("controller.json");
    Path file = Files.exists(kept) ? kept : run.controllerFile();
    run.setControl(
        new CmaesSearch.Result(
            ControllerFile.read(file).controller(),
            // Journals of builds before the incumbent: those always kept the mean.
            saved.hasNonNull("chosen") ? saved.get("chosen").asText() : "mean",
            saved.get("dream_mean_return").asDouble(),
            CmaesCheckpoint.read(run.cmaesStateFile()).history()));
    plot(run);
  }

  private static void plot(RunContext run) throws IOException {
    List<CmaesSearch.Generation> h = run.control().history();
    double[] best = new double[h.size()];
    double[] mean = new double[h.size()];
    for (int i = 0; i < h.size(); i++) {
      best[i] = h.get(i).bestReturn();
      mean[i] = h.get(i).meanReturn();
    }
    RunPlots.cmaes(run.plotsDir().resolve("cmaes.png"), best, mean);
    run.report()
        .add(
            "CMA-ES in the dream",
            "![cmaes](plots/cmaes.png)\n\nKept: **"
                + run.control().chosen()
                + "** (\"mean\": the search's final mean; \"incumbent\": the previous round's"
                + " controller, which the mean did not beat on the same dreams of this round's"
                + " model).\n");
  }
}
