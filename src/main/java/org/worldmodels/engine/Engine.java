package org.worldmodels.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.pipeline.Recipe;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Progress;

/**
 * Where the units of work of {@code collect}, {@code play}, {@code control} and {@code run --seeds}
 * run: {@link LocalEngine} (a thread pool in this JVM) or Spark (the {@code spark} build profile,
 * {@link Engines#open}). An engine implements {@link #map}; the operations are written once, here
 * and in {@link EngineWork}, so every engine runs the same units with the same batch shapes and
 * gives the same bits:
 *
 * <ul>
 *   <li>{@link #collect} and {@link #play}: a block of episodes ({@link Blocks}); an episode
 *       depends only on its seed, so blocks change nothing;
 *   <li>{@link #control}: a block of CMA-ES candidates of one generation with its rollouts as one
 *       batched dream (the blocks of {@link
 *       org.worldmodels.control.DreamPopulationScorer#CANDIDATES_PER_BLOCK});
 *   <li>{@link #sweep}: one seed of a recipe.
 * </ul>
 *
 * Results come back in unit order and are reduced in that order on the driver. Large arrays never
 * pass through the driver: collect blocks write their episodes where the job says and return counts
 * and checksums.
 *
 * <pre>{@code
 * try (Engine e = Engines.open("spark", "local[2]")) {
 *   double[] returns = e.play(request);
 * }
 * }</pre>
 */
public interface Engine extends AutoCloseable {
  /** {@code local} or {@code spark}. */
  String name();

  /** How many units run at once (task slots: cores / {@code WORLDMODELS_THREADS}). */
  int slots();

  /**
   * Runs {@code work} on every unit, wherever the engine runs things.
   *
   * @return the results in the order of {@code units}
   * @throws IllegalArgumentException if a unit threw one (bad input)
   * @throws RuntimeException for any other failure of a unit, after the engine's retries
   */
  <T extends Serializable, R extends Serializable> List<R> map(List<T> units, Unit<T, R> work);

  /**
   * Collects {@code job}'s episodes into its directory: episode files and {@code spec.json}, byte
   * for byte those {@code collect} writes on one JVM.
   */
  default Collected collect(CollectJob job) {
    return EngineWork.collect(this, job);
  }

  /**
   * The return of each episode of {@code request}, as {@link
   * org.worldmodels.control.RealEvaluation#play}.
   */
  default double[] play(PlayRequest request) {
    return EngineWork.play(this, PlayJob.of(request));
  }

  /**
   * Runs a control request as {@link DreamControlTraining#run} does (the driver keeps the CMA-ES
   * state and writes the files), each generation's blocks scored on this engine.
   */
  default CmaesSearch.Result control(ControlRequest request, Progress progress) throws IOException {
    ControlJob job = ControlJob.of(request, ExecutorCache.checksum(request.model()));
    return DreamControlTraining.run(request, progress, inProcess -> new EngineScorer(this, job));
  }

  /**
   * Runs the recipe in {@code recipeDir} once per seed, seed {@code s} into {@code
   * parent/<env>-<s>}, and writes {@code parent/<env>-sweep.json}.
   *
   * @throws IllegalArgumentException if a run directory exists (before anything runs)
   */
  default SweepResult sweep(Path recipeDir, Path parent, List<Long> seeds) throws IOException {
    return sweep(recipeDir, parent, seeds, false);
  }

  /**
   * {@link #sweep(Path, Path, List)}, or with {@code resume} the sweep continued: a seed whose run
   * directory holds its run (killed or finished) continues it as {@code run --resume} does, a seed
   * without one starts, and the sweep file is replaced. The figures equal those of a sweep never
   * stopped.
   *
   * @throws IllegalArgumentException if a run directory holds anything but this recipe's run at its
   *     seed (before anything runs)
   */
  default SweepResult sweep(Path recipeDir, Path parent, List<Long> seeds, boolean resume)
      throws IOException {
    Check.argument(!seeds.isEmpty(), "--seeds: expected at least one seed");
    Recipe recipe = Recipe.read(recipeDir);
    List<EngineWork.SeedUnit> units = new ArrayList<>(seeds.size());
    for (long s : seeds) {
      units.add(
          EngineWork.SeedUnit.checked(
              recipe, EngineWork.runDir(parent, recipe.env(), s), s, resume));
    }
    Path out = parent.resolve(recipe.env() + "-sweep.json");
    if (!resume) {
      OutputDir.requireNewFile(out);
    }
    List<String> summaries =
        map(units, new EngineWork.SeedRun(recipeDir.toAbsolutePath().toString()));
    List<Double> returns = new ArrayList<>(seeds.size());
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    for (String s : summaries) {
      double r = Json.parseTree(s).get("real_mean_return").asDouble();
      returns.add(r);
      sum += r;
      min = Math.min(min, r);
    }
    SweepResult result =
        new SweepResult(recipe.env(), seeds, returns, sum / seeds.size(), min, summaries);
    Json.write(out, result);
    return result;
  }

  /**
   * Runs the recipe in {@code recipeDir} at {@code seed} into the new directory {@code out}, as one
   * unit on this engine.
   *
   * @return its {@code summary.json} as one JSON line
   */
  default String run(Path recipeDir, Path out, long seed) throws IOException {
    return run(recipeDir, out, seed, false);
  }

  /**
   * {@link #run(Path, Path, long)}, or with {@code resume} the killed run in {@code out} continued
   * as {@code run --resume} does.
   *
   * @throws IllegalArgumentException with {@code resume}, if {@code out} holds no run of this
   *     recipe and seed
   */
  default String run(Path recipeDir, Path out, long seed, boolean resume) throws IOException {
    // bad input is reported here, before anything is shipped
    EngineWork.SeedUnit unit =
        EngineWork.SeedUnit.checked(Recipe.read(recipeDir), out, seed, resume);
    Check.argument(
        unit.resume() == resume,
        "--resume " + out + ": no run there; expected the directory of a run to continue");
    return map(List.of(unit), new EngineWork.SeedRun(recipeDir.toAbsolutePath().toString())).get(0);
  }

  /** Stops what the engine started (threads, a Spark context). */
  @Override
  void close();
}
