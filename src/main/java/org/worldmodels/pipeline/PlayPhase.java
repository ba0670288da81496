package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.worldmodels.WorldModel;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.report.RunPlots;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.util.Json;

/**
 * Scores the controller on {@code play.episodes} real episodes keyed by {@code SeedKey.play(seed,
 * round, i)}, a phase of seeds that collecting never uses; the model's own encoder turns
 * observations into latents and the MDN-RNN supplies {@code h}.
 */
final class PlayPhase implements RunPhase {
  @Override
  public String name() {
    return "play";
  }

  @Override
  public void run(RunContext run) throws IOException {
    try (WorldModel m = WorldModel.load(run.modelDir());
        Encoder encoder = Encoders.open(m.spec(), run.modelDir());
        Env env = Envs.make(run.recipe().env(), encoder)) {
      run.setRealReturns(
          RealEvaluation.returns(
              env,
              encoder,
              m.cell(),
              run.control().controller(),
              EpisodePlan.play(
                  run.seed(), run.round(), run.recipe().play().episodes(), env.maxEpisodeSteps()),
              run.progress()));
    }
    plot(run);
  }

  @Override
  public JsonNode save(RunContext run) {
    return Json.valueToTree(run.realReturns());
  }

  @Override
  public void restore(RunContext run, JsonNode saved) throws IOException {
    double[] returns = new double[saved.size()];
    for (int i = 0; i < returns.length; i++) {
      returns[i] = saved.get(i).asDouble();
    }
    run.setRealReturns(returns);
    plot(run);
  }

  private static void plot(RunContext run) throws IOException {
    RunPlots.returns(run.plotsDir().resolve("real-returns.png"), run.realReturns(), 20);
    run.report().add("Real returns", "![returns](plots/real-returns.png)\n");
  }
}
