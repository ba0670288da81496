package org.worldmodels.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;

/**
 * Writes encoded episodes of one length T as a World Models series file of T+1 steps, the layout
 * {@link SeriesFile} reads (ARCHITECTURE.md, "Pixels and the vision model V"): {@code mu} and
 * {@code logvar} float16 {@code [N, T+1, Z]}, {@code action} float32 {@code [N, T+1, A]} with a
 * zero row appended (the action after the last frame, which a reader drops), {@code reward} float32
 * and {@code done} bool {@code [N, T+1]} (the episode's {@code terminated}, with a zero and false
 * appended). Reading it back gives the same T transitions, except that {@code mu} and {@code
 * logvar} are rounded to float16 and {@code truncated} reads as false (a series file has no such
 * key).
 */
public final class SeriesWriter {
  private SeriesWriter() {}

  /**
   * Checks that every episode has the length of the first.
   *
   * @param lengths transitions T of each episode
   * @param names the episodes' names for the message, e.g. their files
   * @throws IllegalArgumentException naming the first episode of another length and the first one
   */
  public static void requireOneLength(List<Integer> lengths, List<String> names) {
    for (int i = 1; i < lengths.size(); i++) {
      if (!lengths.get(i).equals(lengths.get(0))) {
        throw new IllegalArgumentException(
            names.get(i)
                + " has "
                + lengths.get(i)
                + " transitions but "
                + names.get(0)
                + " has "
                + lengths.get(0)
                + "; a series file holds episodes of one length");
      }
    }
  }

  /**
   * Writes {@code file} atomically.
   *
   * @param episodes encoded episodes ({@code z} the posterior means) of one length T
   * @param logvars each episode's log-variances, [T+1, Z]
   * @param names the episodes' names for messages
   */
  public static void write(
      Path file, List<Episode> episodes, List<float[][]> logvars, List<String> names)
      throws IOException {
    if (episodes.isEmpty() || episodes.size() != logvars.size()) {
      throw new IllegalArgumentException(
          "a series file needs at least one episode and a logvar per episode");
    }
    requireOneLength(episodes.stream().map(Episode::length).toList(), names);
    int n = episodes.size();
    int steps = episodes.get(0).length() + 1;
    int z = episodes.get(0).zSize();
    int a = episodes.get(0).actionSize();
    float[] mu = new float[n * steps * z];
    float[] lv = new float[n * steps * z];
    float[] action = new float[n * steps * a]; // the appended rows stay zero
    float[] reward = new float[n * steps];
    boolean[] done = new boolean[n * steps];
    for (int i = 0; i < n; i++) {
      Episode e = episodes.get(i);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(e.z()[t], 0, mu, (i * steps + t) * z, z);
        System.arraycopy(logvars.get(i)[t], 0, lv, (i * steps + t) * z, z);
        if (t < steps - 1) {
          System.arraycopy(e.action()[t], 0, action, (i * steps + t) * a, a);
          reward[i * steps + t] = e.reward()[t];
          done[i * steps + t] = e.terminated()[t];
        }
      }
    }
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("mu", new NpyArray(NpyArray.DType.FLOAT16, new int[] {n, steps, z}, mu));
    arrays.put("logvar", new NpyArray(NpyArray.DType.FLOAT16, new int[] {n, steps, z}, lv));
    arrays.put("action", NpyArray.ofFloats(action, n, steps, a));
    arrays.put("reward", NpyArray.ofFloats(reward, n, steps));
    arrays.put("done", NpyArray.ofBooleans(done, n, steps));
    Npz.write(file, arrays);
  }
}
