package org.worldmodels.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;

/**
 * CMA-ES on controllers of one {@link ControllerSpec} (World Models' C): each generation asks
 * {@link Cmaes} for a population, has a {@link PopulationScorer} score it, and tells CMA-ES the
 * negated mean returns. The search ends with the final mean, scored on fresh rollouts as generation
 * G, unless it was given an incumbent ({@link #keepingUnlessBeaten}, a previous round's
 * controller), which it keeps unless the mean beats it on the same fresh dreams.
 *
 * <pre>{@code
 * CmaesSearch search = new CmaesSearch(spec, new CmaesSearch.Settings(32, 30, 0.5, seed));
 * try (PopulationScorer scorer = new DreamPopulationScorer(...)) {
 *   CmaesSearch.Result r = search.checkpointingTo(stateFile).run(scorer, progress);
 * }
 * }</pre>
 *
 * <p>With a state file ({@link #checkpointingTo}), the CMA-ES state and the history so far are
 * written atomically ({@link CmaesCheckpoint}) after the last generation and, before it, after any
 * generation that ends at least {@link #CHECKPOINT_COST_RATIO} times the last write's duration
 * after that write: a state of a large controller takes a second to write (the covariance of a
 * 1,105-parameter controller is 1.2 million doubles), so writing it every generation would cost
 * more than the generation. A search whose state file exists resumes from it: since generation g's
 * candidates depend only on the state and (seed, g), and their returns only on (candidates, g), the
 * resumed search ends with the same bits as one that never stopped, given the same scorer.
 */
public final class CmaesSearch {
  /**
   * Between two writes of the state file at least this many times the last write's duration passes,
   * so checkpoints cost at most about 1 / (1 + this) of a search's time.
   */
  static final int CHECKPOINT_COST_RATIO = 10;

  /** Generations' worth of dreams the mean and an incumbent are compared on. */
  static final int CONTEST_KEYS = 4;

  private final ControllerSpec spec;
  private final Settings settings;
  private final Path stateFile;
  private final double[] incumbent;

  /**
   * Settings.
   *
   * @param population CMA-ES population (lambda)
   * @param generations generations
   * @param initialSigma CMA-ES initial step size
   * @param seed seed of CMA-ES's normals
   */
  public record Settings(int population, int generations, double initialSigma, long seed) {
    /** Validates every field. */
    public Settings {
      Check.inRange("population", population, 2, CmaesConfig.MAX_POPULATION_SIZE);
      Check.inRange("generations", generations, 1, 1_000_000);
      Check.positiveFinite("initial_sigma", initialSigma);
    }
  }

  /**
   * One generation's figures.
   *
   * @param generation 1-based
   * @param bestReturn best candidate's mean return
   * @param meanReturn population's mean return
   * @param sigma CMA-ES step size after the update
   */
  public record Generation(
      @JsonProperty("generation") int generation,
      @JsonProperty("best_return") double bestReturn,
      @JsonProperty("mean_return") double meanReturn,
      @JsonProperty("sigma") double sigma) {}

  /**
   * The outcome.
   *
   * @param controller the final CMA-ES mean, or the incumbent if the mean did not beat it
   * @param chosen which it is: "mean" or "incumbent" (in a run, "previous" when a real contest put
   *     the previous round's agent back)
   * @param dreamMeanReturn that controller's mean return over fresh dreams (with an incumbent, not
   *     those the two were compared on)
   * @param history one entry per generation
   */
  public record Result(
      Controller controller, String chosen, double dreamMeanReturn, List<Generation> history) {
    /** Copies the history. */
    public Result {
      Check.argument(chosen != null, "chosen must be given");
      history = List.copyOf(history);
    }
  }

  /** A search without a state file or incumbent. */
  public CmaesSearch(ControllerSpec spec, Settings settings) {
    this(spec, settings, null, null);
  }

  private CmaesSearch(ControllerSpec spec, Settings settings, Path stateFile, double[] incumbent) {
    Check.argument(spec != null, "controller spec must be given");
    Check.argument(settings != null, "CMA-ES settings must be given");
    Check.argument(
        incumbent == null || incumbent.length == spec.parameterCount(),
        "incumbent controller has "
            + (incumbent == null ? 0 : incumbent.length)
            + " parameters; this search's controllers have "
            + spec.parameterCount());
    this.spec = spec;
    this.settings = settings;
    this.stateFile = stateFile;
    this.incumbent = incumbent == null ? null : incumbent.clone();
  }

  /**
   * The same search, saving its state to {@code file} (after the last generation, and often enough
   * before it that a stopped search loses little work, see above) and resuming from it if it
   * exists.
   */
  public CmaesSearch checkpointingTo(Path file) {
    Check.argument(file != null, "state file must be given");
    return new CmaesSearch(spec, settings, file, incumbent);
  }

  /**
   * The same search, keeping {@code parameters} (a previous round's controller) unless the final
   * mean beats it: each is scored as candidate 0 of generations G .. G+{@link #CONTEST_KEYS}-1, so
   * on the same dreams, and the mean must do strictly better on average. The controller kept is
   * then scored on the next {@link #CONTEST_KEYS} generations' dreams, not those it won on.
   *
   * @throws IllegalArgumentException if it does not have the spec's parameter count
   */
  public CmaesSearch keepingUnlessBeaten(double[] parameters) {
    Check.argument(parameters != null, "incumbent parameters must be given");
    Check.argument(
        parameters.length == spec.parameterCount(),
        "incumbent controller has "
            + parameters.length
            + " parameters; expected "
            + spec.parameterCount());
    return new CmaesSearch(spec, settings, stateFile, parameters.clone());
  }

  /** The CMA-ES settings this search runs with. */
  public CmaesConfig config() {
    return new CmaesConfig(
        spec.parameterCount(), settings.population(), settings.initialSigma(), settings.seed());
  }

  /**
   * Runs the search (or the rest of it, from the state file).
   *
   * @throws IllegalArgumentException if the state file is unreadable, malformed, from another
   *     search (another CMA-ES config) or further on than {@code generations}
   * @throws IOException if the state file cannot be written
   */
  public Result run(PopulationScorer scorer, Progress progress) throws IOException {
    Check.argument(scorer != null, "population scorer must be given");
    Cmaes cmaes;
    List<Generation> history = new ArrayList<>();
    if (stateFile != null && Files.exists(stateFile)) {
      CmaesCheckpoint saved = CmaesCheckpoint.read(stateFile);
      saved.requireResumable(config(), settings.generations(), stateFile);
      cmaes = Cmaes.restore(saved.state());
      history.addAll(saved.history());
    } else {
      cmaes = new Cmaes(config());
    }
    progress.start("control", settings.generations());
    if (!history.isEmpty()) {
      progress.update(history.size(), "resumed");
    }
    Checkpoints checkpoints = new Checkpoints();
    for (int g = cmaes.generation(); g < settings.generations(); g++) {
      double[][] candidates = cmaes.ask();
      double[] means = meanReturns(scorer.score(spec, candidates, g), candidates.length);
      double[] fitness = new double[candidates.length];
      double best = Double.NEGATIVE_INFINITY;
      double mean = 0;
      for (int i = 0; i < candidates.length; i++) {
        fitness[i] = -means[i];
        best = Math.max(best, means[i]);
        mean += means[i] / candidates.length;
      }
      cmaes.tell(candidates, fitness);
      history.add(new Generation(g + 1, best, mean, cmaes.sigma()));
      if (stateFile != null && (g + 1 == settings.generations() || checkpoints.due())) {
        checkpoints.write(new CmaesCheckpoint(cmaes.state(), history));
      }
      progress.update(g + 1, String.format("best %.1f mean %.1f", best, mean));
    }
    progress.finish();
    double[] finalMean = cmaes.mean();
    int g = settings.generations();
    if (incumbent == null) {
      return new Result(
          spec.create(finalMean), "mean", dreamReturn(scorer, finalMean, g, 1), history);
    }
    // Why not a wider choice (the best candidate, a last population): they were optimised in this
    // model's dream as the mean was, so a choice among many picks whoever exploits this model's
    // errors most (tried: worse real returns at 2 Pendulum seeds of 4). Two contestants, the
    // newcomer needing to win, keep that bias small and still catch a search ending on a poor mean.
    double meanReturn = dreamReturn(scorer, finalMean, g, CONTEST_KEYS);
    double incumbentReturn = dreamReturn(scorer, incumbent, g, CONTEST_KEYS);
    boolean keep = !(meanReturn > incumbentReturn);
    double[] kept = keep ? incumbent : finalMean;
    double dreamMeanReturn = dreamReturn(scorer, kept, g + CONTEST_KEYS, CONTEST_KEYS);
    return new Result(spec.create(kept), keep ? "incumbent" : "mean", dreamMeanReturn, history);
  }

  /**
   * Mean return over the dreams of {@code keys} generations from {@code first}, as candidate 0 of
   * each (so two controllers scored from the same {@code first} face the same dreams).
   */
  private double dreamReturn(PopulationScorer scorer, double[] parameters, int first, int keys) {
    double sum = meanReturns(scorer.score(spec, new double[][] {parameters}, first), 1)[0];
    for (int k = 1; k < keys; k++) {
      sum += meanReturns(scorer.score(spec, new double[][] {parameters}, first + k), 1)[0];
    }
    return sum / keys;
  }

  /** When the state file was last written and how long that took. */
  private final class Checkpoints {
    private long lastEnd = System.nanoTime();
    private long lastCost;

    boolean due() {
      return System.nanoTime() - lastEnd >= CHECKPOINT_COST_RATIO * lastCost;
    }

    void write(CmaesCheckpoint checkpoint) throws IOException {
      long t = System.nanoTime();
      checkpoint.write(stateFile);
      lastEnd = System.nanoTime();
      lastCost = lastEnd - t;
    }
  }

  private static double[] meanReturns(double[][] returns, int candidates) {
    Check.state(
        returns != null && returns.length == candidates,
        "the scorer returned "
            + (returns == null ? "nothing" : returns.length + " rows")
            + " for "
            + candidates
            + " candidates");
    double[] means = new double[candidates];
    for (int i = 0; i < candidates; i++) {
      double m = 0;
      for (double r : returns[i]) {
        m += r;
      }
      means[i] = m / returns[i].length;
    }
    return means;
  }
}
