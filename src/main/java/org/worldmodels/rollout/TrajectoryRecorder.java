package org.worldmodels.rollout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.util.Check;

/**
 * Keeps each episode's latent trajectory {@code z[0..T]}, for plots (a real episode against its
 * dreamed replay, say).
 */
public final class TrajectoryRecorder implements RolloutSink {
  private final Map<Long, List<float[]>> z = new HashMap<>();

  @Override
  public void start(int slot, long episode, float[] z0) {
    List<float[]> path = new ArrayList<>();
    path.add(z0);
    z.put(episode, path);
  }

  @Override
  public void step(Transition t) {
    z.get(t.episode()).add(t.z());
  }

  /** Episode {@code episode}'s latents, [T+1][Z]. */
  public float[][] trajectory(long episode) {
    List<float[]> path = z.get(episode);
    Check.argument(path != null, "episode " + episode + " was not recorded");
    return path.toArray(new float[0][]);
  }
}
