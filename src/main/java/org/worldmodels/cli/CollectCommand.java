package org.worldmodels.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.NoLatentEncoder;
import org.worldmodels.env.PixelEnv;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.ExplorationPolicy;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RandomPolicy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code collect}: records episodes of a policy in a real environment as episode files plus {@code
 * spec.json}: the random policy, or a controller file with the MDN-RNN of {@code --model} as its
 * memory (what a later round of {@code run} collects), either with exploration. Episode i is reset
 * with {@code SeedKey.collect(seed, round, i).seed()}; the directory appears only when complete. In
 * a pixel environment ({@code --frame-size N}) episodes hold {@code frames} and {@code state} and
 * no {@code z}.
 */
@Command(name = "collect", description = "Record episodes of a policy in an environment.")
final class CollectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine;

  @Option(
      names = "--env",
      required = true,
      completionCandidates = EnvIds.class,
      description = "Environment: ${COMPLETION-CANDIDATES}.")
  String env;

  @Option(names = "--episodes", required = true, description = "Number of episodes.")
  int episodes;

  @Option(
      names = "--policy",
      description = "random or a controller JSON file (default ${DEFAULT-VALUE}).")
  String policy = "random";

  @Option(
      names = "--model",
      description = "Model directory whose MDN-RNN gives a controller its memory.")
  Path model;

  @Option(
      names = "--round",
      description =
          "Iterative-training round keying the episodes' seeds (default ${DEFAULT-VALUE}).")
  int round;

  @Option(
      names = "--exploration",
      description =
          "Probability of a uniformly random action at each step (default ${DEFAULT-VALUE}).")
  double exploration;

  @Option(names = "--seed", description = "Seed of the run (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "New directory for the episodes.")
  Path out;

  @Option(
      names = "--frame-size",
      description =
          "Side N of the N x N frames of a pixel environment, 8 to 512 (default ${DEFAULT-VALUE}).")
  int frameSize = PixelEnv.DEFAULT_FRAME_SIZE;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Check.inRange("--episodes", episodes, 1, Collect.MAX_EPISODES);
    Check.inRange("--round", round, 0, Integer.MAX_VALUE);
    Check.inRange("--exploration", exploration, 0, 1);
    boolean random = "random".equals(policy);
    if (!random && !policy.endsWith(".json") && !Files.exists(Path.of(policy))) {
      throw new IllegalArgumentException(
          "--policy must be random or a controller JSON file, got '" + policy + "'");
    }
    if (random && model != null) {
      throw new IllegalArgumentException(
          "--model " + model + ": only a controller file as --policy uses a model, got random");
    }
    if (!random && model == null) {
      throw new IllegalArgumentException(
          "--model is required with a controller file as --policy (" + policy + ")");
    }
    if (!Envs.IDS.contains(env)) {
      throw new IllegalArgumentException(
          "--env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
    }
    Check.inRange("--frame-size", frameSize, PixelEnv.MIN_FRAME_SIZE, PixelEnv.MAX_FRAME_SIZE);
    OutputDir.requireFresh(out);
    boolean local = engine.local();
    ConsoleProgress progress = new ConsoleProgress(quiet);
    Rollouts.Totals r;
    try (OutputDir dir = OutputDir.create(out)) {
      if (!local) {
        Path p = random ? null : Path.of(policy);
        r =
            engine.collect(
                env, episodes, p, model, round, exploration, seed, dir.staging(), frameSize);
      } else if (random) {
        try (RealWorld world = openWorld()) {
          Policy p =
              ExplorationPolicy.around(
                  new RandomPolicy(world.actionSpace()), world.actionSpace(), exploration);
          r = Collect.write(world, p, dir.staging(), episodes, seed, round, progress);
        }
      } else {
        ControllerCollect.Request request =
            new ControllerCollect.Request(
                model, Path.of(policy), env, episodes, seed, round, exploration);
        r = ControllerCollect.append(request, dir.staging(), 0, progress);
      }
      dir.commit();
    }
    Cli.printJson(spec, "episodes", r.episodes(), "steps", r.steps());
    return 0;
  }

  /** One environment, recorded as it is: vectors as z, frames as frames (no z). */
  private RealWorld openWorld() {
    Encoder encoder = Envs.isPixels(env) ? NoLatentEncoder.INSTANCE : IdentityEncoder.INSTANCE;
    return RealWorld.open(() -> Envs.make(env, 0, frameSize), 1, encoder);
  }
}
