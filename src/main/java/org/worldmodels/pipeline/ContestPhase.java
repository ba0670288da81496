package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.worldmodels.WorldModel;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.Controller;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.ModelReference;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * The real contest of a later round ({@code rounds.real_contest} episodes): when the new search's
 * mean beat the previous round's controller in the dream, both play the same real episodes, keyed
 * {@code SeedKey.contest(seed, round, i)} (neither collected nor scored elsewhere), each acting
 * through this round's model as it would from now on, and the newcomer is kept only if its mean
 * return is strictly higher; otherwise {@code controller.json} becomes the incumbent again. The
 * dream favours what was optimised in it, so a dream win alone sometimes keeps a worse controller;
 * reality cannot be fooled that way. When the dream already kept the incumbent nothing is played.
 */
final class ContestPhase implements RunPhase {
  private static final String NEWCOMER_FILE = "newcomer.json";

  /** Mean real returns of the two contestants; NaN when nothing was played. */
  private double newcomerReturn = Double.NaN;

  private double incumbentReturn = Double.NaN;

  @Override
  public String name() {
    return "contest";
  }

  @Override
  public void run(RunContext run) throws IOException {
    if (!"mean".equals(run.control().chosen())) {
      report(run);
      return;
    }
    // The newcomer kept aside first: a contest resumed after controller.json was replaced by the
    // incumbent still plays the same two.
    Path newcomerFile = Files.createDirectories(run.roundDir(run.round())).resolve(NEWCOMER_FILE);
    if (!Files.exists(newcomerFile)) {
      AtomicFiles.write(newcomerFile, stream -> Files.copy(run.controllerFile(), stream));
    }
    Controller newcomer = ControllerFile.read(newcomerFile).controller();
    Controller incumbent = ControllerFile.read(ControlPhase.incumbent(run)).controller();
    int episodes = run.recipe().roundsOrOne().realContestEpisodes();
    try (WorldModel m = WorldModel.load(run.modelDir());
        Encoder encoder = Encoders.open(m.spec(), run.modelDir());
        Env env = Envs.make(run.recipe().env(), encoder)) {
      EpisodePlan plan =
          EpisodePlan.contest(run.seed(), run.round(), episodes, env.maxEpisodeSteps());
      newcomerReturn = meanReturn(env, encoder, m, newcomer, plan, run);
      incumbentReturn = meanReturn(env, encoder, m, incumbent, plan, run);
    }
    if (!(newcomerReturn > incumbentReturn)) {
      ControllerFile.of(incumbent, ModelReference.of(run.modelDir())).write(run.controllerFile());
      double dream = DreamControlTraining.keptDreamReturn(ControlPhase.request(run), incumbent);
      run.setControl(
          new CmaesSearch.Result(incumbent, "incumbent", dream, run.control().history()));
    }
    report(run);
  }

  private static double meanReturn(
      Env env, Encoder encoder, WorldModel m, Controller c, EpisodePlan plan, RunContext run) {
    return ReturnStatistics.of(
            RealEvaluation.returns(env, encoder, m.cell(), c, plan, run.progress()))
        .mean();
  }

  @Override
  public JsonNode save(RunContext run) {
    ObjectNode saved =
        Json.objectNode()
            .put("chosen", run.control().chosen())
            .put("dream_mean_return", run.control().dreamMeanReturn());
    if (!Double.isNaN(newcomerReturn)) {
      saved
          .put("newcomer_real_return", newcomerReturn)
          .put("incumbent_real_return", incumbentReturn);
    }
    return saved;
  }

  /** The contest's outcome: the kept controller (its file), its dream return, the two means. */
  @Override
  public void restore(RunContext run, JsonNode saved) throws IOException {
    if (saved.hasNonNull("newcomer_real_return")) {
      newcomerReturn = saved.get("newcomer_real_return").asDouble();
      incumbentReturn = saved.get("incumbent_real_return").asDouble();
    }
    String chosen = saved.get("chosen").asText();
    if (!chosen.equals(run.control().chosen())) {
      Path kept = run.roundDir(run.round()).resolve("controller.json");
      Path file = Files.exists(kept) ? kept : run.controllerFile();
      run.setControl(
          new CmaesSearch.Result(
              ControllerFile.read(file).controller(),
              chosen,
              saved.get("dream_mean_return").asDouble(),
              run.control().history()));
    }
    report(run);
  }

  private void report(RunContext run) {
    run.report()
        .add(
            "Real contest",
            Double.isNaN(newcomerReturn)
                ? "Not played: the previous round's controller won in the dream.\n"
                : String.format(
                    Locale.ROOT,
                    "The new search's mean against the previous round's controller on the same %d"
                        + " real episodes: **%.1f** against **%.1f**; kept: **%s**.%n",
                    run.recipe().roundsOrOne().realContestEpisodes(),
                    newcomerReturn,
                    incumbentReturn,
                    run.control().chosen()));
  }
}
