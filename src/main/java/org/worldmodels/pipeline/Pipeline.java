package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.report.RunPlots;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Progress;

/**
 * The whole World Models loop for one environment, as rounds of {@link RunPhase}s (the paper's
 * iterative training procedure): round 0 collects random rollouts; each later round collects with
 * the current controller. Unless a later round's collection reaches {@code rounds.target}, the
 * round then trains the MDN-RNN on all the data so far, trains a controller in the dream only and
 * scores it in the real environment. After the last round the real-versus-dream plot, {@code
 * summary.json} and {@code report.md}.
 *
 * <p>Output: {@code episodes/} (every round's), {@code model/} and {@code controller.json} (the
 * final ones), {@code summary.json}, {@code report.md} and {@code plots/*.png}; with more than one
 * round also {@code rounds/round-R/controller.json} for each round that trained one, and {@code
 * rounds/round-R/model/} for each round a later one trained after; {@code cmaes/round-R.json}, each
 * round's CMA-ES state, and {@code run-state.json}, the journal {@link #resume} continues from.
 * Only the collect, contest and play phases touch the real environment. Real scoring uses seeds the
 * collected data never saw, and the contest seeds of its own: collect, contest and play episodes
 * are keyed by different phases of {@link org.worldmodels.util.SeedKey}.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * The phases of round {@code r} after its collection, when it goes on to learn: from pixels, V is
   * trained first (round 0 only) and the frames encoded before M trains on their latents.
   */
  static List<RunPhase> learningPhases(Recipe recipe, int r) {
    List<RunPhase> phases = new ArrayList<>();
    if (recipe.pixels()) {
      if (r == 0) {
        phases.add(new VaePhase());
      }
      phases.add(new EncodePhase());
    }
    phases.addAll(List.of(new TrainPhase(), new ControlPhase()));
    if (r > 0 && recipe.roundsOrOne().realContestEpisodes() > 0) {
      phases.add(new ContestPhase());
    }
    phases.add(new PlayPhase());
    return phases;
  }

  /** Runs the recipe into the new directory {@code out}. */
  public static Summary run(Recipe recipe, Path out, long seed, Progress progress)
      throws IOException {
    Files.createDirectories(out);
    return run(recipe, out, seed, progress, RunJournal.start(out, recipe, seed));
  }

  /**
   * Whether {@code out} holds a run that {@link #resume} can continue, checked without changing
   * anything: false if it does not exist or is empty (a run to start), true if it holds a run of
   * this recipe and seed (killed or finished).
   *
   * @throws IllegalArgumentException if it holds anything else, or a run of another recipe or seed
   */
  public static boolean resumable(Recipe recipe, Path out, long seed) throws IOException {
    if (OutputDir.isEmptyOrMissing(out)) {
      return false;
    }
    RunJournal.resume(out, recipe, seed);
    return true;
  }

  /**
   * Continues the killed run in {@code out} (started with the same recipe and seed): finished
   * phases are restored from disk, the first unfinished one starts again from what it left
   * (training from its last checkpoint, CMA-ES from its state file), and the run ends with the same
   * bits as one never stopped (timings aside).
   *
   * @throws IllegalArgumentException if {@code out} holds no run, or one of another recipe or seed
   */
  public static Summary resume(Recipe recipe, Path out, long seed, Progress progress)
      throws IOException {
    RunJournal journal = RunJournal.resume(out, recipe, seed);
    dropUnfinishedEpisodes(recipe, out, journal);
    return run(recipe, out, seed, progress, journal);
  }

  private static Summary run(
      Recipe recipe, Path out, long seed, Progress progress, RunJournal journal)
      throws IOException {
    long start = System.nanoTime();
    RunContext run = new RunContext(recipe, out, seed, progress);
    Files.createDirectories(run.plotsDir());
    Phases phases = new Phases(run, journal);
    Recipe.Rounds rounds = recipe.roundsOrOne();
    for (int r = 0; r < rounds.max(); r++) {
      long t = System.nanoTime();
      run.beginRound(r);
      phases.run(r == 0 ? new CollectPhase() : new ControllerCollectPhase());
      // Reached: the controller that collected these episodes is the final one.
      boolean reached = rounds.reached(r, run.collectMeanReturn());
      if (!reached) {
        if (r > 0) {
          keepPreviousModel(run, phases.finished("control"));
        }
        for (RunPhase phase : learningPhases(recipe, r)) {
          phases.run(phase);
        }
        Path kept = run.roundDir(r).resolve("controller.json");
        // A resumed run may have kept it already, and a later round replaced controller.json.
        if (rounds.max() > 1 && !Files.exists(kept)) {
          AtomicFiles.write(kept, stream -> Files.copy(run.controllerFile(), stream));
        }
      }
      run.addRound(
          new Summary.Round(
              r,
              run.roundEpisodes(),
              run.collectMeanReturn(),
              ReturnStatistics.of(run.realReturns()).mean(),
              run.control().dreamMeanReturn(),
              since(t)));
      if (reached) {
        break;
      }
    }
    phases.run(new ReportPhase());
    if (run.rounds().size() > 1) {
      reportRounds(run);
    }
    ReturnStatistics stats = ReturnStatistics.of(run.realReturns());
    Summary summary =
        new Summary(
            recipe.env(),
            seed,
            stats.mean(),
            stats.std(),
            stats.episodes(),
            run.control().dreamMeanReturn(),
            phases.seconds(),
            since(start),
            run.rounds(),
            run.summaryKeys());
    Json.write(out.resolve("summary.json"), summary);
    RunReport.write(out.resolve("report.md"), recipe, summary, run.report());
    return summary;
  }

  /**
   * Runs phases (or restores the ones the journal lists as finished), times them and records each
   * one as finished.
   */
  private static final class Phases {
    private final RunContext run;
    private RunJournal journal;
    private final Map<String, Double> seconds;

    Phases(RunContext run, RunJournal journal) {
      this.run = run;
      this.journal = journal;
      this.seconds = new LinkedHashMap<>(journal.seconds());
    }

    void run(RunPhase phase) throws IOException {
      if (journal.isFinished(run.round(), phase.name())) {
        phase.restore(run, journal.saved(run.round(), phase.name()));
        return;
      }
      long t = System.nanoTime();
      phase.run(run);
      double s = since(t);
      seconds.merge(phase.name(), s, Double::sum);
      journal = journal.finish(run.out(), run.round(), phase.name(), s, phase.save(run));
    }

    Map<String, Double> seconds() {
      return seconds;
    }

    /** Whether this round's phase {@code name} finished before (a resumed run restores it). */
    boolean finished(String name) {
      return journal.isFinished(run.round(), name);
    }
  }

  /**
   * Deletes the episode files an unfinished collection left (it writes them again, the same), so
   * that restoring the finished collections loads exactly their episodes.
   */
  private static void dropUnfinishedEpisodes(Recipe recipe, Path out, RunJournal journal)
      throws IOException {
    Recipe.Rounds rounds = recipe.roundsOrOne();
    int kept = 0;
    for (int r = 0; r < rounds.max() && journal.isFinished(r, "collect"); r++) {
      kept += r == 0 ? recipe.collect().episodes() : rounds.episodes();
    }
    Path episodes = out.resolve("episodes");
    for (int i = kept; Files.deleteIfExists(episodes.resolve(EpisodeStore.fileName(i))); i++) {
      // deleted in the loop condition
    }
  }

  /**
   * Before a later round trains again: the previous round's model moves beside its controller's
   * copy in {@code rounds/round-(r-1)/}, and {@code controller.json} goes (control writes a new
   * file), unless a resumed run's control of this round finished already and wrote it.
   */
  private static void keepPreviousModel(RunContext run, boolean controlFinished)
      throws IOException {
    Path kept = Files.createDirectories(run.roundDir(run.round() - 1)).resolve("model");
    if (!Files.exists(kept)) { // a resumed run may have moved it already
      Files.move(run.modelDir(), kept);
    }
    if (!controlFinished) {
      Files.deleteIfExists(run.controllerFile());
    }
  }

  /** The real and dream return of each round's controller: a plot and a table. */
  private static void reportRounds(RunContext run) throws IOException {
    List<Summary.Round> rounds = run.rounds();
    double[] real = new double[rounds.size()];
    double[] dream = new double[rounds.size()];
    StringBuilder table =
        new StringBuilder(
            "Each round's controller on the play episodes (real) and in fresh dreams; collect is"
                + " the mean return of the episodes the round collected.\n\n"
                + "![rounds](plots/rounds.png)\n\n"
                + "| round | episodes | collect | real | dream |\n| --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < rounds.size(); i++) {
      Summary.Round r = rounds.get(i);
      real[i] = r.realMeanReturn();
      dream[i] = r.dreamMeanReturn();
      table.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.1f | %.1f | %.1f |%n",
              r.round(),
              r.episodes(),
              r.collectMeanReturn(),
              r.realMeanReturn(),
              r.dreamMeanReturn()));
    }
    RunPlots.rounds(run.plotsDir().resolve("rounds.png"), real, dream);
    run.report().add("Rounds", table.toString());
  }

  /** Mean return of the recorded episodes {@code from..size-1} (each the sum of its rewards). */
  static double meanReturn(Dataset data, int from) {
    double sum = 0;
    for (int i = from; i < data.size(); i++) {
      Episode e = data.episode(i);
      double r = 0;
      for (float x : e.reward()) {
        r += x;
      }
      sum += r;
    }
    return sum / (data.size() - from);
  }

  private static double since(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
