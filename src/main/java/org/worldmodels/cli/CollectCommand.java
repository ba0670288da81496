package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.RandomPolicy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code collect}: records episodes of a policy in a real environment as episode files plus {@code
 * spec.json}. Episode i is reset with {@code SeedKey.collect(seed, 0, i).seed()}; the directory
 * appears only when complete.
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

  @Option(names = "--seed", description = "Seed of the run (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "New directory for the episodes.")
  Path out;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Check.inRange("--episodes", episodes, 1, Collect.MAX_EPISODES);
    if (!"random".equals(policy)) {
      throw new IllegalArgumentException("--policy must be random, got '" + policy + "'");
    }
    if (!Envs.IDS.contains(env)) {
      throw new IllegalArgumentException(
          "--env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
    }
    OutputDir.requireFresh(out);
    Rollouts.Totals r;
    try (RealWorld world = RealWorld.open(() -> Envs.make(env), 1, IdentityEncoder.INSTANCE);
        OutputDir dir = OutputDir.create(out)) {
      RandomPolicy p = new RandomPolicy(world.actionSpace());
      r = Collect.write(world, p, dir.staging(), episodes, seed, 0, new ConsoleProgress(quiet));
      dir.commit();
    }
    Cli.printJson(spec, "episodes", r.episodes(), "steps", r.steps());
    return 0;
  }
}
