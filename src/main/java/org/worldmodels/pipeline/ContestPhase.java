package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.worldmodels.WorldModel;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.Controller;
import org.worldmodels.control.ControllerFile;
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
 * The real contest of a later round ({@code rounds.real_contest} episodes): the agent this round
 * trained (its model and controller) and the previous round's agent play the same real episodes,
 * keyed {@code SeedKey.contest(seed, round, i)} (neither collected nor scored elsewhere). The new
 * agent stays only if its mean return is strictly higher; otherwise the previous round's model and
 * controller are put back in {@code model/} and {@code controller.json}, and later rounds go on
 * from them. Agents, not controllers alone: a controller reads the model's {@code h}, and a model
 * trained again (even warm-started) gives another {@code h}, so an earlier controller through the
 * new model is in effect another controller (at Pendulum seeds 100-102 it scored 36-286 worse than
 * the newcomer in each of five such contests).
 */
final class ContestPhase implements RunPhase {
  /** Where this round's agent is set aside before the contest: {@code rounds/round-R/new/}. */
  static final String NEW_AGENT_DIR = "new";

  /** Mean real returns of the two agents. */
  private double newReturn;

  private double previousReturn;

  @Override
  public String name() {
    return "contest";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Path roundDir = Files.createDirectories(run.roundDir(run.round()));
    Path previous = run.roundDir(run.round() - 1);
    // This round's agent is copied aside first, so that a contest killed after the previous agent
    // was put back plays the same two when it runs again.
    Path newAgent = roundDir.resolve(NEW_AGENT_DIR);
    if (!Files.exists(newAgent)) {
      Path staging = roundDir.resolve(NEW_AGENT_DIR + ".tmp");
      AtomicFiles.deleteTree(staging);
      AtomicFiles.copyTree(run.modelDir(), staging.resolve("model"));
      Files.copy(run.controllerFile(), staging.resolve("controller.json"));
      AtomicFiles.moveAtomically(staging, newAgent);
    }
    int episodes = run.recipe().roundsOrOne().realContestEpisodes();
    newReturn = play(run, newAgent, episodes);
    previousReturn = play(run, previous, episodes);
    if (!newKept()) {
      Controller previousController =
          ControllerFile.read(previous.resolve("controller.json")).controller();
      Path staging = run.out().resolve("model.tmp");
      AtomicFiles.deleteTree(staging);
      AtomicFiles.copyTree(previous.resolve("model"), staging);
      AtomicFiles.deleteTree(run.modelDir());
      AtomicFiles.moveAtomically(staging, run.modelDir());
      ControllerFile.of(previousController, ModelReference.of(run.modelDir()))
          .write(run.controllerFile());
      run.setControl(previousAgent(run, previousController));
    }
    report(run);
  }

  /** Whether this round's agent won: strictly more (a tie keeps the previous one). */
  private boolean newKept() {
    return newReturn > previousReturn;
  }

  /** Mean return of the agent in {@code dir} ({@code model/}, {@code controller.json}). */
  private static double play(RunContext run, Path dir, int episodes) throws IOException {
    Path model = dir.resolve("model");
    Controller controller = ControllerFile.read(dir.resolve("controller.json")).controller();
    try (WorldModel m = WorldModel.load(model);
        Encoder encoder = Encoders.open(m.spec(), model);
        Env env = Envs.make(run.recipe().env(), encoder)) {
      EpisodePlan plan =
          EpisodePlan.contest(run.seed(), run.round(), episodes, env.maxEpisodeSteps());
      return ReturnStatistics.of(
              RealEvaluation.returns(env, encoder, m.cell(), controller, plan, run.progress()))
          .mean();
    }
  }

  /** The previous round's agent as this round's result: its controller and dream return. */
  private static CmaesSearch.Result previousAgent(RunContext run, Controller controller) {
    return new CmaesSearch.Result(
        controller,
        "previous",
        run.rounds().get(run.round() - 1).dreamMeanReturn(),
        run.control().history());
  }

  @Override
  public JsonNode save(RunContext run) {
    return Json.objectNode()
        .put("kept", newKept() ? "new" : "previous")
        .put("new_real_return", newReturn)
        .put("previous_real_return", previousReturn);
  }

  /** The contest's outcome: the previous agent's controller again if it won. */
  @Override
  public void restore(RunContext run, JsonNode saved) throws IOException {
    newReturn = saved.get("new_real_return").asDouble();
    previousReturn = saved.get("previous_real_return").asDouble();
    if (saved.get("kept").asText().equals("previous")) {
      run.setControl(
          previousAgent(
              run,
              ControllerFile.read(run.roundDir(run.round() - 1).resolve("controller.json"))
                  .controller()));
    }
    report(run);
  }

  private void report(RunContext run) {
    run.report()
        .add(
            "Real contest",
            String.format(
                Locale.ROOT,
                "Round %d: this round's agent (model and controller) against the previous"
                    + " round's on the same %d real episodes: **%.1f** against **%.1f**; kept:"
                    + " **%s**.%n",
                run.round(),
                run.recipe().roundsOrOne().realContestEpisodes(),
                newReturn,
                previousReturn,
                newKept() ? "this round's" : "the previous round's"));
  }
}
