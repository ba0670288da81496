package org.worldmodels.engine;

import java.io.Serializable;
import java.nio.file.Path;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.env.PixelEnv;
import org.worldmodels.rollout.Collect;
import org.worldmodels.util.Check;

/**
 * What {@code collect} is asked to do, as plain data an engine can ship: {@code episodes} episodes
 * of round {@code round} at run seed {@code seed} into the directory {@code dir} (on a cluster, a
 * path every executor can write), with the random policy ({@code controller} null) or a controller
 * file and the model giving it its memory, plus exploration.
 *
 * @param env environment id
 * @param episodes how many
 * @param controller controller file, or null for the random policy
 * @param model model directory of the controller, or null for the random policy
 * @param round iterative-training round keying the seeds
 * @param exploration probability of a uniformly random action at each step
 * @param seed the run's seed
 * @param dir absolute directory the episodes and spec.json go to
 * @param frameSize side of a pixel environment's frames for the random policy (a controller's
 *     frames are the size its model's VAE reads); ignored by state-vector environments
 */
public record CollectJob(
    String env,
    int episodes,
    String controller,
    String model,
    int round,
    double exploration,
    long seed,
    String dir,
    int frameSize)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates what needs no file. */
  public CollectJob {
    Check.argument(env != null, "env must be given");
    Check.inRange("episodes", episodes, 1, Collect.MAX_EPISODES);
    Check.argument(
        (controller == null) == (model == null),
        "a controller and its model go together, got controller "
            + controller
            + " and model "
            + model);
    Check.inRange("round", round, 0, Integer.MAX_VALUE);
    Check.inRange("exploration", exploration, 0, 1);
    Check.argument(dir != null, "dir must be given");
    Check.inRange("frame size", frameSize, PixelEnv.MIN_FRAME_SIZE, PixelEnv.MAX_FRAME_SIZE);
  }

  /** The random policy's job, frames (of a pixel environment) at the default size. */
  public static CollectJob random(
      String env, int episodes, int round, double exploration, long seed, Path dir) {
    return random(env, episodes, round, exploration, seed, dir, PixelEnv.DEFAULT_FRAME_SIZE);
  }

  /** The random policy's job, a pixel environment's frames {@code frameSize} on a side. */
  public static CollectJob random(
      String env, int episodes, int round, double exploration, long seed, Path dir, int frameSize) {
    return new CollectJob(
        env,
        episodes,
        null,
        null,
        round,
        exploration,
        seed,
        dir.toAbsolutePath().toString(),
        frameSize);
  }

  /** A controller's job, from the library's request. */
  public static CollectJob of(ControllerCollect.Request r, Path dir) {
    return new CollectJob(
        r.env(),
        r.episodes(),
        r.controller().toAbsolutePath().toString(),
        r.model().toAbsolutePath().toString(),
        r.round(),
        r.exploration(),
        r.seed(),
        dir.toAbsolutePath().toString(),
        PixelEnv.DEFAULT_FRAME_SIZE);
  }

  /** The library's request of a controller's job. */
  ControllerCollect.Request request() {
    return new ControllerCollect.Request(
        Path.of(model), Path.of(controller), env, episodes, seed, round, exploration);
  }
}
