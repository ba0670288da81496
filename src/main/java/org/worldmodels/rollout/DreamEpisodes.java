package org.worldmodels.rollout;

import java.io.IOException;
import java.util.function.Function;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Progress;

/**
 * Dreams whole episodes in batches, the job of the {@code dream} command: up to {@code
 * options.batchSize()} slots each run one episode after another. Episode {@code i} is row id {@code
 * util.SeedKey.dream(options.seed(), i).seed()}, which fixes its start latent and its stream, so it
 * is the same whatever the batch size. An episode ends when the done head says so ({@code
 * terminated}) or at {@code maxSteps} ({@code truncated}).
 */
public final class DreamEpisodes {
  private DreamEpisodes() {}

  /**
   * Dreams {@code episodes} episodes of at most {@code maxSteps} steps each into {@code sink}.
   *
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @param action the model's action space
   */
  public static Rollouts.Totals run(
      Function<DreamOptions, DreamEnv> dreams,
      ActionSpec action,
      DreamOptions options,
      InitialLatents starts,
      Policy policy,
      int episodes,
      int maxSteps,
      RolloutSink sink,
      Progress progress)
      throws IOException {
    EpisodePlan plan = EpisodePlan.dream(options.seed(), episodes, maxSteps);
    int slots = Math.max(1, Math.min(options.batchSize(), episodes));
    try (DreamWorld world = DreamWorld.open(dreams, options, slots, action, starts)) {
      return Rollouts.run(world, policy, plan, sink, progress);
    }
  }
}
