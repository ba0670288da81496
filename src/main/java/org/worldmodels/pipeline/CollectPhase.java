package org.worldmodels.pipeline;

import java.io.IOException;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.NoLatentEncoder;
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
    // A state vector is its own latent; frames are recorded as they are, for V to learn from
    // and encode in the phases after this one.
    boolean pixels = run.recipe().pixels();
    Encoder encoder = pixels ? NoLatentEncoder.INSTANCE : IdentityEncoder.INSTANCE;
    try (RealWorld world =
        RealWorld.open(() -> Envs.make(run.recipe().env(), 0, c.frames()), 1, encoder)) {
      Policy random = new StickyRandomPolicy(world.actionSpace(), c.repeatProbability());
      Collect.write(world, random, run.episodesDir(), c.episodes(), run.seed(), 0, run.progress());
    }
    if (!pixels) {
      run.setData(EpisodeStore.load(run.episodesDir()));
    }
    run.setCollected(c.episodes(), EpisodeReturns.mean(run.episodesDir(), 0, c.episodes()));
  }
}
