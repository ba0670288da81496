package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;

/**
 * The {@code frames} of a directory of episode files (every {@code *.npz}, sorted by name): uint8
 * {@code [T+1, H, W, 3]} with {@code H = W}, read once and kept as uint8.
 *
 * <p>A thin adapter that reads the key itself through {@link Npz}; when the data package's episodes
 * carry frames, it can be replaced by a view of them.
 */
public final class EpisodeFrames {
  /** The episode key holding frames. */
  public static final String KEY = "frames";

  private EpisodeFrames() {}

  /**
   * Reads every episode's frames.
   *
   * @throws IllegalArgumentException naming the file for a directory without episodes, an episode
   *     without {@code frames}, or frames of another dtype, rank or size than the first episode's
   * @throws IOException when a file cannot be read
   */
  public static InMemoryFrames load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such directory");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".npz")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no .npz episode files");
    }
    List<byte[][]> episodes = new ArrayList<>();
    int side = -1;
    for (Path f : files) {
      NpyArray a = Npz.read(f, KEY::equals).get(KEY);
      if (a == null) {
        throw new IllegalArgumentException(
            f
                + ": no key 'frames' (episodes of pixels are written by collect --env"
                + " cartpole-pixels or pendulum-pixels)");
      }
      int[] s = a.shape();
      if (a.dtype() != NpyArray.DType.UINT8
          || s.length != 4
          || s[0] < 1
          || s[1] != s[2]
          || s[3] != VaeConfig.CHANNELS) {
        throw new IllegalArgumentException(
            f
                + ": key 'frames' is "
                + a.dtype()
                + " "
                + Arrays.toString(s)
                + "; expected uint8 [T+1, N, N, 3]");
      }
      if (side < 0) {
        side = s[1];
      } else if (s[1] != side) {
        throw new IllegalArgumentException(
            f
                + ": frames are "
                + s[1]
                + " x "
                + s[2]
                + "; earlier episodes' are "
                + side
                + " x "
                + side);
      }
      byte[] all = (byte[]) a.data();
      int per = side * side * VaeConfig.CHANNELS;
      byte[][] e = new byte[s[0]][];
      for (int t = 0; t < s[0]; t++) {
        e[t] = Arrays.copyOfRange(all, t * per, (t + 1) * per);
      }
      episodes.add(e);
    }
    return new InMemoryFrames(side, episodes);
  }
}
