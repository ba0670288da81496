package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.control.PlayRequest;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.env.Envs;
import org.worldmodels.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code play}: scores a controller in the real environment, the MDN-RNN supplying its memory h.
 * Episode i is reset with {@code SeedKey.play(seed, 0, i).seed()}; prints the mean and the (ddof 0)
 * standard deviation of the returns.
 */
@Command(name = "play", description = "Score a controller in the real environment.")
final class PlayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(names = "--controller", required = true, description = "Controller JSON file.")
  Path controller;

  @Option(
      names = "--env",
      required = true,
      completionCandidates = EnvIds.class,
      description = "Environment: ${COMPLETION-CANDIDATES}.")
  String env;

  @Option(names = "--episodes", required = true, description = "Number of episodes.")
  int episodes;

  @Option(names = "--seed", description = "Seed of the run (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    // The request checks these too; here the messages name the flags.
    Check.inRange("--episodes", episodes, 1, PlayRequest.MAX_EPISODES);
    if (!Envs.IDS.contains(env)) {
      throw new IllegalArgumentException(
          "--env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
    }
    PlayRequest request = new PlayRequest(model, controller, env, episodes, seed);
    double[] returns = engine.play(request, new ConsoleProgress(quiet));
    ReturnStatistics s = ReturnStatistics.of(returns);
    Cli.printJson(spec, "episodes", s.episodes(), "mean_return", s.mean(), "std_return", s.std());
    return 0;
  }
}
