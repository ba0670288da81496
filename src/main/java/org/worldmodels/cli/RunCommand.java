package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.pipeline.Pipeline;
import org.worldmodels.pipeline.Recipe;
import org.worldmodels.pipeline.Summary;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run ENV_DIR}: the whole pipeline from a recipe. */
@Command(
    name = "run",
    description = "Collect, train, control in the dream, play in the real env, report.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine;

  @Mixin SweepOptions sweep;

  @Parameters(index = "0", description = "Recipe directory, e.g. envs/cartpole.")
  Path envDir;

  @Option(names = "--out", description = "New output directory (default runs/<env>-<seed>).")
  Path out;

  @Option(names = "--seed", description = "Seed of every phase (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "No progress bars.")
  boolean quiet;

  @Option(
      names = "--resume",
      description =
          "Continue the killed run in the output directory (same recipe and seed): finished phases"
              + " are kept, training goes on from its last checkpoint and CMA-ES from its state;"
              + " the result has the same bits as an uninterrupted run. With --seeds, each seed's"
              + " run found in its directory is continued and the others start.")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    Recipe recipe = Recipe.read(envDir);
    if (sweep.onEngine(engine)) {
      sweep.run(spec, engine, envDir, out, seed, recipe.env(), resume);
      return 0;
    }
    Path dir = out != null ? out : Path.of("runs", recipe.env() + "-" + seed);
    ConsoleProgress progress = new ConsoleProgress(quiet);
    Summary s;
    if (resume) {
      s = Pipeline.resume(recipe, dir, seed, progress);
    } else {
      OutputDir.requireFresh(dir);
      s = Pipeline.run(recipe, dir, seed, progress);
    }
    Cli.printJson(spec, s);
    return 0;
  }
}
