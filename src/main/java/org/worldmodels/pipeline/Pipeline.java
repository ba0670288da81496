package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.report.RunPlots;
import org.worldmodels.util.Json;
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
 * rounds/round-R/model/} for each round a later one trained after. Only the collect and play phases
 * touch the real environment. Real scoring uses seeds the collected data never saw: collect and
 * play episodes are keyed by different phases of {@link org.worldmodels.util.SeedKey}.
 */
public final class Pipeline {
  private Pipeline() {}

  /** The phases of round {@code r} after its collection, when it goes on to learn. */
  static List<RunPhase> learningPhases() {
    return List.of(new TrainPhase(), new ControlPhase(), new PlayPhase());
  }

  /** Runs the recipe into the new directory {@code out}. */
  public static Summary run(Recipe recipe, Path out, long seed, Progress progress)
      throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(out);
    RunContext run = new RunContext(recipe, out, seed, progress);
    Files.createDirectories(run.plotsDir());
    Map<String, Double> seconds = new LinkedHashMap<>();
    Recipe.Rounds rounds = recipe.roundsOrOne();
    for (int r = 0; r < rounds.max(); r++) {
      long t = System.nanoTime();
      run.beginRound(r);
      time(r == 0 ? new CollectPhase() : new ControllerCollectPhase(), run, seconds);
      // Reached: the controller that collected these episodes is the final one.
      boolean reached = rounds.reached(r, run.collectMeanReturn());
      if (!reached) {
        if (r > 0) {
          keepPreviousModel(run);
        }
        for (RunPhase phase : learningPhases()) {
          time(phase, run, seconds);
        }
        if (rounds.max() > 1) {
          Path kept = Files.createDirectories(run.roundDir(r)).resolve("controller.json");
          Files.copy(run.controllerFile(), kept, StandardCopyOption.REPLACE_EXISTING);
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
    time(new ReportPhase(), run, seconds);
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
            seconds,
            since(start),
            run.rounds(),
            run.summaryKeys());
    Json.write(out.resolve("summary.json"), summary);
    RunReport.write(out.resolve("report.md"), recipe, summary, run.report());
    return summary;
  }

  private static void time(RunPhase phase, RunContext run, Map<String, Double> seconds)
      throws IOException {
    long t = System.nanoTime();
    phase.run(run);
    seconds.merge(phase.name(), since(t), Double::sum);
  }

  /**
   * Before a later round trains again: the previous round's model moves beside its controller's
   * copy in {@code rounds/round-(r-1)/}, and {@code controller.json} goes (control writes a new
   * file).
   */
  private static void keepPreviousModel(RunContext run) throws IOException {
    Path kept = Files.createDirectories(run.roundDir(run.round() - 1)).resolve("model");
    Files.move(run.modelDir(), kept);
    Files.delete(run.controllerFile());
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
