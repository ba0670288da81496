package org.worldmodels.dream;

import java.util.HashMap;
import java.util.Map;
import org.worldmodels.data.ActionSpec;

/**
 * Uniform random actions from a model's action space: box actions uniform in {@code [low, high]},
 * discrete actions a uniform one-hot. Each episode draws from its own stream keyed by (seed,
 * episode).
 */
public final class RandomDreamPolicy implements DreamPolicy {
  /** Separates the policy's streams from the dream's own (seed, row) streams. */
  private static final long STREAM_TAG = 0x70_11C7L;

  private final ActionSpec space;
  private final long seed;
  private final Map<Integer, RowRandom> streams = new HashMap<>();

  public RandomDreamPolicy(ActionSpec space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  @Override
  public void start(int slot, long episode) {
    streams.put(slot, RowRandom.of(seed ^ STREAM_TAG, episode));
  }

  @Override
  public float[] act(int slot, float[] z, float[] h) {
    RowRandom rng = streams.computeIfAbsent(slot, s -> RowRandom.of(seed ^ STREAM_TAG, -1 - s));
    float[] a = new float[space.size()];
    if (space instanceof ActionSpec.Discrete d) {
      a[rng.nextInt(d.n())] = 1f;
    } else if (space instanceof ActionSpec.Box b) {
      double[] lo = b.low();
      double[] hi = b.high();
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (lo[i] + (hi[i] - lo[i]) * rng.nextDouble());
      }
    }
    return a;
  }
}
