package org.worldmodels.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.worldmodels.io.NpyArray;

/**
 * The frames of a data directory, one episode at a time and as bytes, for training and running a
 * vision model without holding a data set in memory (ARCHITECTURE.md: frames "are streamed, never
 * held as float32 all at once").
 *
 * <pre>{@code
 * FrameEpisodes data = FrameEpisodes.open(dir);   // lists the files, reads nothing else yet
 * for (int i = 0; i < data.episodes(); i++) {
 *   Frames f = data.read(i);                       // uint8 [T+1, H, W, 3] of episode file i
 *   f.copyUnit(t, batch, row * f.frameBytes());    // frame t as floats in [0, 1]
 * }
 * }</pre>
 *
 * <p>Episode {@code i} is the {@code i}-th {@code *.npz} file in name order, as in {@link
 * EpisodeStore#list}; {@link #read} decodes only its {@code frames} key, so {@code z}, actions and
 * the rest are never touched. Every episode must have frames of the directory's {@link #height()} x
 * {@link #width()}: that of {@code spec.json}'s {@code observation} if it names one, otherwise that
 * of the first file.
 */
public final class FrameEpisodes {
  private static final Set<String> WANTED = Set.of(EpisodeStore.FRAMES);

  private final Path dir;
  private final List<Path> files;
  private final int height;
  private final int width;

  private FrameEpisodes(Path dir, List<Path> files, int height, int width) {
    this.dir = dir;
    this.files = files;
    this.height = height;
    this.width = width;
  }

  /**
   * The episodes of {@code dir}; reads {@code spec.json} and, if it names no image observation, the
   * first file's frames for the frame size.
   *
   * @throws EpisodeFormatException if the directory is missing, has no {@code .npz} files, its spec
   *     is invalid, or (without an image spec) the first file has no frames
   */
  public static FrameEpisodes open(Path dir) throws IOException {
    List<Path> files = EpisodeStore.list(dir);
    if (files.isEmpty()) {
      throw new EpisodeFormatException(
          dir, "no .npz files; expected episodes with frames named like episode_000000.npz");
    }
    Optional<DataSpec> spec = EpisodeStore.readSpec(dir);
    if (spec.isPresent() && spec.get().hasFrames()) {
      ObservationSpec o = spec.get().observation();
      return new FrameEpisodes(dir, files, o.height(), o.width());
    }
    Frames first = frames(files.get(0));
    return new FrameEpisodes(dir, files, first.height(), first.width());
  }

  /** The data directory. */
  public Path dir() {
    return dir;
  }

  /** The episode files in name order; immutable. */
  public List<Path> files() {
    return files;
  }

  /** Number of episodes (files). */
  public int episodes() {
    return files.size();
  }

  /** Rows H of every frame. */
  public int height() {
    return height;
  }

  /** Columns W of every frame. */
  public int width() {
    return width;
  }

  /**
   * The frames of episode {@code i}, uint8 {@code [T+1, H, W, 3]}.
   *
   * @throws EpisodeFormatException naming the file if it has no {@code frames} key, frames of
   *     another dtype or shape, or another frame size than the directory's
   */
  public Frames read(int i) throws IOException {
    if (i < 0 || i >= files.size()) {
      throw new IllegalArgumentException(
          "episode index must be in [0, " + files.size() + "), got " + i);
    }
    Path file = files.get(i);
    Frames f = frames(file);
    if (f.height() != height || f.width() != width) {
      throw new EpisodeFormatException(
          file,
          EpisodeStore.FRAMES,
          "frames of "
              + f.height()
              + " x "
              + f.width()
              + "; expected "
              + height
              + " x "
              + width
              + " like the rest of "
              + dir);
    }
    return f;
  }

  private static Frames frames(Path file) throws IOException {
    List<String> keys = EpisodeStore.keys(file);
    NpzArrays f = new NpzArrays(file, EpisodeStore.readArrays(file, WANTED), keys);
    NpyArray a =
        f.require(
            EpisodeStore.FRAMES,
            "uint8 [T+1, H, W, 3] (episodes from collect --env cartpole-pixels or"
                + " pendulum-pixels)");
    return f.frames(EpisodeStore.FRAMES, a);
  }
}
