package org.worldmodels.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rollout.BatchedWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.RememberingWorld;
import org.worldmodels.rollout.ReturnSums;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;
import org.worldmodels.util.SeedKey;

/**
 * Scores a controller in a real environment, with the MDN-RNN supplying its memory: World Models'
 * "play" loop.
 *
 * <p>Per episode: {@code z_0 = encode(reset(k_i))} with {@code k_i = SeedKey.play(seed, 0,
 * i).seed()}, and {@code h_0 = c_0 = 0}; then at each step {@code a_t = C(z_t, h_t)} with {@code
 * h_t} the LSTM state <em>before</em> {@code (z_t, a_t)} is fed; the environment steps with {@code
 * a_t}; {@code (z_t, a_t)} is fed through the cell to give {@code h_{t+1}}; {@code z_{t+1} =
 * encode(observation)}. The episode's return is the sum of its rewards, up to termination or the
 * time limit. The MDN head's output is computed but not used: only {@code h} matters here. The loop
 * is the rollout engine's, with a {@link RememberingWorld}.
 *
 * <p>Everything is deterministic: the environment's start is the only randomness, and it is keyed
 * by the episode's seed; the cell is plain Java in float32.
 */
public final class RealEvaluation {
  private RealEvaluation() {}

  /**
   * Runs a {@link PlayRequest}: reads the controller file and the model's metadata, checks that
   * controller, model and environment fit together, then loads the weights and plays.
   *
   * @return the return of each episode, in episode order
   * @throws IllegalArgumentException for a missing or malformed file or a size mismatch, before any
   *     episode runs
   */
  public static double[] play(PlayRequest request, Progress progress) {
    return play(request, 0, request.episodes(), progress);
  }

  /**
   * Plays episodes {@code start..start+count-1} of {@code request} (one block of its work, an
   * engine's unit), episode {@code i} reset with {@code SeedKey.play(seed, 0, i).seed()}: each
   * return is the one {@link #play(PlayRequest, Progress)} gives for that episode.
   *
   * @return the returns of those episodes, in episode order
   */
  public static double[] play(PlayRequest request, int start, int count, Progress progress) {
    Check.argument(
        start >= 0 && count >= 1 && (long) start + count <= request.episodes(),
        "episodes " + start + ".." + ((long) start + count - 1) + " of " + request.episodes());
    ControllerFile file = ControllerFile.read(request.controller());
    Controller controller = file.controller();
    CheckpointMetadata metadata = Checkpoints.metadata(request.model());
    MdnRnnConfig model = metadata.model();
    DataSpec modelSpec = DataSpec.fromJson(metadata.dataSpec(), request.model().toString());
    // The encoder first: a VAE's frame size decides a pixel environment's.
    try (Encoder encoder = Encoders.open(modelSpec, request.model());
        Env env = Envs.make(request.env(), encoder)) {
      requireCompatible(controller.spec(), model, request.model().toString(), env, encoder);
      Checkpoint ckpt = Checkpoints.load(request.model(), false);
      MdnRnnCell cell = new MdnRnnCell(ckpt.metadata().model(), ckpt.weights());
      long seed = request.seed();
      EpisodePlan plan =
          new EpisodePlan(
              "play", count, i -> SeedKey.play(seed, 0, start + i).seed(), env.maxEpisodeSteps());
      return returns(env, encoder, cell, controller, plan, progress);
    }
  }

  /**
   * Plays {@code episodes} episodes, episode i reset with {@code SeedKey.play(seed, 0, i).seed()}.
   *
   * @return the return of each episode
   * @throws IllegalArgumentException if {@code episodes} is outside [1, {@value
   *     PlayRequest#MAX_EPISODES}] or the pieces do not fit together ({@link #requireCompatible})
   */
  public static double[] returns(
      Env env,
      Encoder encoder,
      MdnRnnCell memory,
      Controller controller,
      int episodes,
      long seed,
      Progress progress) {
    Check.inRange("episodes", episodes, 1, PlayRequest.MAX_EPISODES);
    return returns(
        env,
        encoder,
        memory,
        controller,
        EpisodePlan.play(seed, 0, episodes, env.maxEpisodeSteps()),
        progress);
  }

  /** Plays one episode reset with {@code seed} and returns the sum of its rewards. */
  public static double episodeReturn(
      Env env, Encoder encoder, MdnRnnCell memory, Controller controller, long seed) {
    EpisodePlan one = new EpisodePlan("play", 1, i -> seed, env.maxEpisodeSteps());
    return returns(env, encoder, memory, controller, one, Progress.NONE)[0];
  }

  /**
   * Plays the episodes of {@code plan}, such as {@code EpisodePlan.play(seed, round, n, limit)} for
   * a later round's controller.
   *
   * @return the return of each episode
   * @throws IllegalArgumentException if the pieces do not fit together ({@link #requireCompatible})
   */
  public static double[] returns(
      Env env,
      Encoder encoder,
      MdnRnnCell memory,
      Controller controller,
      EpisodePlan plan,
      Progress progress) {
    requireCompatible(controller.spec(), memory.config(), "(the cell's config)", env, encoder);
    ReturnSums sums = ReturnSums.rewards(plan.episodes());
    // One slot: the cell steps one row at a time, so more slots would gain nothing.
    try (BatchedWorld world = new RememberingWorld(new RealWorld(List.of(env), encoder), memory)) {
      Rollouts.run(world, controller, plan, sums, progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // ReturnSums does no I/O
    }
    return sums.returns();
  }

  /**
   * Checks that a controller, a model and an environment fit together: the controller fits the
   * model (latent, hidden and action widths), reads the environment's latents and drives its action
   * space (same kind and width).
   *
   * @throws IllegalArgumentException naming what differs
   */
  public static void requireCompatible(
      ControllerSpec spec, MdnRnnConfig model, String modelName, Env env, Encoder encoder) {
    spec.requireMatches(model, modelName);
    int envZ = encoder.zSize(env.observationSpace());
    if (envZ != spec.zSize()) {
      throw new IllegalArgumentException(
          "env "
              + env.id()
              + " gives latents of width "
              + envZ
              + "; the controller reads z of width "
              + spec.zSize());
    }
    boolean envDiscrete = env.actionSpace() instanceof Discrete;
    boolean controllerDiscrete = spec.action() instanceof ActionSpec.Discrete;
    if (envDiscrete != controllerDiscrete
        || env.actionSpace().dimension() != spec.action().size()) {
      throw new IllegalArgumentException(
          "env "
              + env.id()
              + " takes actions in "
              + env.actionSpace()
              + "; the controller outputs "
              + spec.action());
    }
  }
}
