package org.worldmodels.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.worldmodels.data.DataSpec;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.ExplorationPolicy;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.RememberingWorld;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.ModelVae;

/**
 * Records real episodes of a trained controller, the MDN-RNN supplying its memory as in {@link
 * RealEvaluation} (World Models' later rounds of data): {@code collect --policy CONTROLLER.json
 * --model MODEL} and the pipeline's rounds after the first. With exploration {@code e}, each step
 * takes a uniformly random action instead of the controller's with probability {@code e} ({@link
 * ExplorationPolicy}).
 *
 * <pre>{@code
 * var r = new ControllerCollect.Request(model, controllerFile, "cartpole", 20, 7, 1, 0.1);
 * ControllerCollect.append(r, episodesDir, 100, Progress.NONE); // files 100..119, round 1's seeds
 * }</pre>
 *
 * <p>Episode {@code i} is keyed by {@code SeedKey.collect(seed, round, i)}, as in {@link Collect}.
 */
public final class ControllerCollect {
  private ControllerCollect() {}

  /**
   * What to collect.
   *
   * @param model the model directory whose MDN-RNN gives the controller its memory
   * @param controller a controller file trained for that model
   * @param env an id {@link Envs#make} accepts
   * @param episodes in [1, {@value Collect#MAX_EPISODES}]
   * @param seed the run's seed
   * @param round the iterative-training round that keys the episodes' seeds, {@code >= 0}
   * @param exploration probability of a random action at each step, in [0, 1]
   */
  public record Request(
      Path model,
      Path controller,
      String env,
      int episodes,
      long seed,
      int round,
      double exploration) {
    /** Validates what can be checked without reading files. */
    public Request {
      Check.argument(model != null, "model directory must be given");
      Check.argument(controller != null, "controller file must be given");
      Check.argument(
          Envs.IDS.contains(env),
          "env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
      Check.inRange("episodes", episodes, 1, Collect.MAX_EPISODES);
      Check.inRange("round", round, 0, Integer.MAX_VALUE);
      Check.inRange("exploration", exploration, 0, 1);
    }
  }

  /**
   * Collects {@code request}'s episodes into {@code dir}, episode {@code i} to file {@code first +
   * i} ({@link Collect#append}).
   *
   * @throws IllegalArgumentException for a missing or malformed file or a controller, model and
   *     environment that do not fit together, before any episode runs
   */
  public static Rollouts.Totals append(Request request, Path dir, int first, Progress progress)
      throws IOException {
    Rollouts.Totals totals =
        collect(
            request,
            (through, real, policy) ->
                Collect.append(
                    through,
                    real,
                    policy,
                    dir,
                    first,
                    request.episodes(),
                    request.seed(),
                    request.round(),
                    progress));
    // Latents from a VAE: the data keeps it beside the episodes, as vae encode's output does.
    ModelVae.adopt(request.model(), modelSpec(request), dir);
    return totals;
  }

  private static DataSpec modelSpec(Request request) {
    return DataSpec.fromJson(
        Checkpoints.metadata(request.model()).dataSpec(), request.model().toString());
  }

  /**
   * Collects episodes {@code start..start+count-1} of {@code request} into {@code dir}, episode
   * {@code i} to file {@code first + i}, writing no {@code spec.json} ({@link Collect#block}): one
   * block of {@link #append}'s work, with the same bytes.
   */
  public static Rollouts.Totals block(Request request, Path dir, int first, int start, int count)
      throws IOException {
    return collect(
        request,
        (through, real, policy) -> {
          Rollouts.Totals t =
              Collect.block(
                  through, real, policy, dir, first, start, count, request.seed(), request.round());
          if (start == 0) {
            Collect.spec(real, dir);
            ModelVae.adopt(request.model(), modelSpec(request), dir);
          }
          return t;
        });
  }

  /** Runs episodes through a controller's world. */
  private interface Run {
    Rollouts.Totals run(RememberingWorld through, RealWorld real, Policy policy) throws IOException;
  }

  private static Rollouts.Totals collect(Request request, Run run) throws IOException {
    Controller controller = ControllerFile.read(request.controller()).controller();
    CheckpointMetadata metadata = Checkpoints.metadata(request.model());
    DataSpec modelSpec = DataSpec.fromJson(metadata.dataSpec(), request.model().toString());
    // The encoder first: a VAE's frame size decides a pixel environment's.
    try (Encoder encoder = Encoders.open(modelSpec, request.model());
        Env env = Envs.make(request.env(), encoder)) {
      RealEvaluation.requireCompatible(
          controller.spec(), metadata.model(), request.model().toString(), env, encoder);
      MdnRnnCell cell =
          new MdnRnnCell(metadata.model(), Checkpoints.load(request.model(), false).weights());
      RealWorld real = new RealWorld(List.of(env), encoder);
      Policy policy =
          ExplorationPolicy.around(controller, real.actionSpace(), request.exploration());
      // One slot: the cell steps one row at a time, so more slots would gain nothing.
      try (RememberingWorld through = new RememberingWorld(real, cell)) {
        return run.run(through, real, policy);
      }
    }
  }
}
