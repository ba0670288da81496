package org.worldmodels.pipeline;

import java.io.IOException;
import java.util.List;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.report.RunPlots;

/**
 * Trains the controller with CMA-ES in the dream only (the recipe's {@code control} settings),
 * starting dreams from the first latents of the collected episodes (every round's), and writes
 * {@code controller.json}; round r's dreams are keyed by r. Nothing here reaches the real
 * environment.
 */
final class ControlPhase implements RunPhase {
  @Override
  public String name() {
    return "control";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Recipe.Control rc = run.recipe().control();
    run.setControl(
        DreamControlTraining.run(
            ControlRequest.builder(run.modelDir(), run.episodesDir(), run.controllerFile())
                .controller(rc.controller())
                .hiddenUnits(rc.hiddenUnits())
                .population(rc.population())
                .generations(rc.generations())
                .rollouts(rc.rollouts())
                .temperature(rc.temperature())
                .doneThreshold(rc.doneThreshold())
                .haltMargin(rc.haltMargin())
                .initialSigma(rc.initialSigma())
                .context(rc.context())
                .seed(run.seed())
                .round(run.round())
                .build(),
            run.progress()));
    List<CmaesSearch.Generation> h = run.control().history();
    double[] best = new double[h.size()];
    double[] mean = new double[h.size()];
    for (int i = 0; i < h.size(); i++) {
      best[i] = h.get(i).bestReturn();
      mean[i] = h.get(i).meanReturn();
    }
    RunPlots.cmaes(run.plotsDir().resolve("cmaes.png"), best, mean);
    run.report().add("CMA-ES in the dream", "![cmaes](plots/cmaes.png)\n");
  }
}
