package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.env.CollectResult;
import org.worldmodels.env.Collector;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.env.Policy;
import org.worldmodels.env.RandomPolicy;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code collect}: records episodes of a policy in a real environment as episode files plus {@code
 * spec.json}. Episode i is reset with {@code seed + i}; the directory appears only when complete.
 */
@Command(name = "collect", description = "Record episodes of a policy in an environment.")
final class CollectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--env",
      required = true,
      completionCandidates = EnvIds.class,
      description = "Environment: ${COMPLETION-CANDIDATES}.")
  String env;

  @Option(names = "--episodes", required = true, description = "Number of episodes.")
  int episodes;

  @Option(names = "--policy", description = "Policy: random (default ${DEFAULT-VALUE}).")
  String policy = "random";

  @Option(names = "--seed", description = "Seed of episode 0 (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "New directory for the episodes.")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Check.inRange("--episodes", episodes, 1, Collector.MAX_EPISODES);
    if (!"random".equals(policy)) {
      throw new IllegalArgumentException("--policy must be random, got '" + policy + "'");
    }
    if (!Envs.IDS.contains(env)) {
      throw new IllegalArgumentException(
          "--env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
    }
    OutputDir.requireFresh(out);
    CollectResult r;
    try (Env e = Envs.make(env);
        OutputDir dir = OutputDir.create(out)) {
      Policy p = new RandomPolicy(e.actionSpace(), seed);
      r = new Collector(e, p).write(dir.staging(), episodes, seed, new ConsoleProgress(quiet));
      dir.commit();
    }
    Cli.printJson(spec, "episodes", r.episodes(), "steps", r.steps());
    return 0;
  }
}
