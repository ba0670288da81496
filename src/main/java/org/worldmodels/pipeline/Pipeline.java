package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * The whole World Models loop for one environment, as a list of {@link RunPhase}s: collect random
 * rollouts, train the MDN-RNN, train a controller in the dream only, score it in the real
 * environment, draw the real-versus-dream plot; then {@code summary.json} and {@code report.md}.
 *
 * <p>Output: {@code episodes/}, {@code model/}, {@code controller.json}, {@code summary.json},
 * {@code report.md} and {@code plots/*.png}. Only {@code collect} and {@code play} touch the real
 * environment. Real scoring uses seeds the collected data never saw: collect and play episodes are
 * keyed by different phases of {@link org.worldmodels.util.SeedKey}.
 */
public final class Pipeline {
  private Pipeline() {}

  /** The phases of a single-round run, in order. */
  static List<RunPhase> phases() {
    return List.of(
        new CollectPhase(),
        new TrainPhase(),
        new ControlPhase(),
        new PlayPhase(),
        new ReportPhase());
  }

  /** Runs the recipe into the new directory {@code out}. */
  public static Summary run(Recipe recipe, Path out, long seed, Progress progress)
      throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(out);
    RunContext run = new RunContext(recipe, out, seed, progress);
    Files.createDirectories(run.plotsDir());
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (RunPhase phase : phases()) {
      long t = System.nanoTime();
      phase.run(run);
      seconds.merge(phase.name(), since(t), Double::sum);
    }
    ReturnStatistics stats = ReturnStatistics.of(run.realReturns());
    double total = since(start);
    Dataset data = run.data();
    run.addRound(
        new Summary.Round(
            0,
            data.size(),
            meanReturn(data),
            stats.mean(),
            run.control().dreamMeanReturn(),
            total));
    Summary summary =
        new Summary(
            recipe.env(),
            seed,
            stats.mean(),
            stats.std(),
            stats.episodes(),
            run.control().dreamMeanReturn(),
            seconds,
            total,
            run.rounds(),
            run.summaryKeys());
    Json.write(out.resolve("summary.json"), summary);
    RunReport.write(out.resolve("report.md"), recipe, summary, run.report());
    return summary;
  }

  /** Mean return of recorded episodes (the sum of each one's rewards). */
  static double meanReturn(Dataset data) {
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      Episode e = data.episode(i);
      double r = 0;
      for (float x : e.reward()) {
        r += x;
      }
      sum += r;
    }
    return sum / data.size();
  }

  private static double since(long t) {
    return (System.nanoTime() - t) / 1e9;
  }
}
