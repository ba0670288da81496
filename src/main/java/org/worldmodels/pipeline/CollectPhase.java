package org.worldmodels.pipeline;

import java.io.IOException;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.StickyRandomPolicy;

/**
 * Round 0's data: {@code collect.episodes} episodes of a (sticky) random policy in the real
 * environment, episode i keyed by {@code SeedKey.collect(seed, 0, i)}; then loads them for the
 * phases after it.
 */
final class CollectPhase implements CollectingPhase {
  @Override
  public String name() {
    return "collect";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Recipe.Collect c = run.recipe().collect();
    // State-vector environments: the observation is the latent. A learned encoder (issue 12)
    // comes with a phase of its own before training.
    try (RealWorld world =
        RealWorld.open(() -> Envs.make(run.recipe().env()), 1, IdentityEncoder.INSTANCE)) {
      Policy random = new StickyRandomPolicy(world.actionSpace(), c.repeatProbability());
      Collect.write(world, random, run.episodesDir(), c.episodes(), run.seed(), 0, run.progress());
    }
    run.setData(EpisodeStore.load(run.episodesDir()));
    run.setCollected(c.episodes(), Pipeline.meanReturn(run.data(), 0));
  }
}
