package org.worldmodels.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.worldmodels.WorldModel;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/**
 * Dreams for tests that need no training: a model with untrained (seeded Glorot) weights, whose
 * done head fires often so that episodes end unevenly, and Gaussian start latents.
 */
public final class TinyDreams {
  private TinyDreams() {}

  /** A model of {@code config} for data of {@code spec}, weights drawn from {@code seed}. */
  public static WorldModel model(MdnRnnConfig config, DataSpec spec, long seed) {
    return WorldModel.of(config, MdnRnnWeights.initial(config, new SplittableRandom(seed)), spec);
  }

  /** {@code n} standard-normal start latents of width {@code spec.zSize()}. */
  public static InitialLatents starts(DataSpec spec, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[][] z = new float[2][spec.zSize()];
      for (int d = 0; d < spec.zSize(); d++) {
        z[0][d] = (float) rng.nextGaussian();
      }
      episodes.add(Episode.ofTransitions(z, new float[1][spec.actionSize()]));
    }
    return InitialLatents.from(Dataset.of(episodes, spec));
  }
}
