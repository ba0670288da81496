package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * What the phases of one run share: the recipe, the seed, where each product lives, the products
 * handed from phase to phase, the keys each phase adds to {@code summary.json} and the sections it
 * adds to {@code report.md}. One run, one thread.
 */
final class RunContext {
  private final Recipe recipe;
  private final Path out;
  private final long seed;
  private final Progress progress;
  private final Map<String, Object> summaryKeys = new LinkedHashMap<>();
  private final ReportSections report = new ReportSections();
  private final List<Summary.Round> rounds = new ArrayList<>();

  private int round;
  private int roundEpisodes;
  private double collectMeanReturn = Double.NaN;
  private Dataset data;
  private CmaesSearch.Result control;
  private double[] realReturns;

  RunContext(Recipe recipe, Path out, long seed, Progress progress) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.out = Objects.requireNonNull(out, "output directory");
    this.seed = seed;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  Recipe recipe() {
    return recipe;
  }

  long seed() {
    return seed;
  }

  Progress progress() {
    return progress;
  }

  Path out() {
    return out;
  }

  /** The recorded real episodes (every round's). */
  Path episodesDir() {
    return out.resolve("episodes");
  }

  /**
   * The episodes the MDN-RNN trains on and dreams start from: {@link #episodesDir()} for a
   * state-vector environment, whose observation is the latent; the encoded copies of its frames for
   * a pixel environment ({@code encoded/}, with V beside them in {@code encoded/vae/}).
   */
  Path latentDir() {
    return recipe.pixels() ? out.resolve("encoded") : episodesDir();
  }

  /** The vision model V of a pixel environment, trained on round 0's frames. */
  Path vaeDir() {
    return out.resolve("vae");
  }

  /** The MDN-RNN's model directory. */
  Path modelDir() {
    return out.resolve("model");
  }

  /** The controller file. */
  Path controllerFile() {
    return out.resolve("controller.json");
  }

  /**
   * The CMA-ES state of this round's control phase, written as the search goes: a resumed run
   * continues the search from it, and a finished one only re-scores the final controller.
   */
  Path cmaesStateFile() {
    return cmaesStateFile(round);
  }

  /** Round {@code r}'s CMA-ES state file. */
  Path cmaesStateFile(int r) {
    return out.resolve("cmaes").resolve("round-" + r + ".json");
  }

  /** Where the plots go. */
  Path plotsDir() {
    return out.resolve("plots");
  }

  /**
   * Where round {@code r}'s controller (and, once a later round trains again, its model) is kept in
   * a run of more than one round.
   */
  Path roundDir(int r) {
    return out.resolve("rounds").resolve("round-" + r);
  }

  /** The round being run, 0-based. */
  int round() {
    return round;
  }

  /** Starts round {@code r}: nothing is collected in it yet. */
  void beginRound(int r) {
    Check.argument(r >= 0, "round must be >= 0, got " + r);
    round = r;
    roundEpisodes = 0;
    collectMeanReturn = Double.NaN;
  }

  /** What this round's collection recorded: how many episodes, and their mean return. */
  void setCollected(int episodes, double meanReturn) {
    roundEpisodes = episodes;
    collectMeanReturn = meanReturn;
  }

  /** This round's collection as the run's journal keeps it ({@link #restoreCollected}). */
  JsonNode savedCollected() {
    ObjectNode n = Json.objectNode();
    n.put("episodes", roundEpisodes);
    n.put("mean_return", collectMeanReturn);
    return n;
  }

  /**
   * Reloads this round's collection figures from {@code saved} and every episode on disk (of a
   * pixel environment: every encoded one, which its encode phase reloads once it has run).
   */
  void restoreCollected(JsonNode saved) throws IOException {
    if (!recipe.pixels()) {
      data = EpisodeStore.load(episodesDir());
    }
    setCollected(saved.get("episodes").asInt(), saved.get("mean_return").asDouble());
  }

  /** Episodes collected in this round. */
  int roundEpisodes() {
    return roundEpisodes;
  }

  /** Mean return of this round's collected episodes (NaN before its collection). */
  double collectMeanReturn() {
    return collectMeanReturn;
  }

  /** The training data, once the collect phase has loaded it. */
  Dataset data() {
    return present(data, "the collected data (collect runs first)");
  }

  void setData(Dataset data) {
    this.data = data;
  }

  /** The CMA-ES result, once the control phase has run. */
  CmaesSearch.Result control() {
    return present(control, "the controller (control runs first)");
  }

  void setControl(CmaesSearch.Result control) {
    this.control = control;
  }

  /** The final controller's real returns, once the play phase has run. */
  double[] realReturns() {
    return present(realReturns, "the real returns (play runs first)").clone();
  }

  void setRealReturns(double[] returns) {
    this.realReturns = returns.clone();
  }

  /** Keys a phase adds to {@code summary.json}, after the fixed ones, in the order added. */
  void putSummary(String key, Object value) {
    Check.argument(!Summary.FIXED_KEYS.contains(key), "summary key " + key + " is a fixed one");
    summaryKeys.put(key, value);
  }

  Map<String, Object> summaryKeys() {
    return summaryKeys;
  }

  /** One entry of {@code summary.json}'s {@code rounds}. */
  void addRound(Summary.Round round) {
    rounds.add(round);
  }

  List<Summary.Round> rounds() {
    return List.copyOf(rounds);
  }

  /** Sections of {@code report.md}, in the order phases add them. */
  ReportSections report() {
    return report;
  }

  private static <T> T present(T value, String what) {
    Check.state(value != null, "no " + what);
    return value;
  }
}
