package org.worldmodels.data;

/**
 * Episodes whose values say where they come from: {@code z[t] = [id, t, 0.5]}, {@code action[t] =
 * [id + 0.25, t + 0.5]}, {@code reward[t] = 100 id + t}, terminated only at the last step of even
 * ids, truncated only at the last step of odd ids. A batch cell can thus be traced to its episode
 * and time exactly.
 */
final class TestEpisodes {
  static final int Z = 3;
  static final int A = 2;

  private TestEpisodes() {}

  static Episode traced(int id, int length) {
    float[][] z = new float[length + 1][];
    for (int t = 0; t <= length; t++) {
      z[t] = new float[] {id, t, 0.5f};
    }
    float[][] action = new float[length][];
    float[] reward = new float[length];
    boolean[] terminated = new boolean[length];
    boolean[] truncated = new boolean[length];
    for (int t = 0; t < length; t++) {
      action[t] = new float[] {id + 0.25f, t + 0.5f};
      reward[t] = 100f * id + t;
    }
    terminated[length - 1] = id % 2 == 0;
    truncated[length - 1] = id % 2 == 1;
    return new Episode(z, action, reward, terminated, truncated);
  }
}
