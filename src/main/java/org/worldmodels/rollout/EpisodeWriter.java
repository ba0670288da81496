package org.worldmodels.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.Frames;
import org.worldmodels.util.Check;

/**
 * Builds each episode as a {@link Episode} (latents, actions as applied, float32 rewards, {@code
 * terminated} and {@code truncated} apart) and, as soon as it ends, writes it to {@code
 * dir/episode_%06d.npz} by its index, keeps it in memory, or both.
 *
 * <pre>{@code
 * EpisodeWriter files = EpisodeWriter.toDirectory(dir);       // episode_000000.npz, ...
 * EpisodeWriter kept = EpisodeWriter.inMemory();               // kept.episodes() afterwards
 * }</pre>
 */
public final class EpisodeWriter implements RolloutSink {
  private final Path dir;
  private final int firstFile;
  private final TreeMap<Long, Episode> kept;
  private final RealWorld frames;
  private final FrameDecoder decoder;
  private Builder[] open = new Builder[0];

  /**
   * Makes an episode's frames from its latents when the episode ends: a vision model's decoder
   * ({@code dream --frames}).
   */
  @FunctionalInterface
  public interface FrameDecoder {
    /** The frames of latents {@code z} {@code [T+1][Z]}, {@code [T+1, H, W, 3]}. */
    Frames decode(float[][] z);
  }

  private EpisodeWriter(
      Path dir, int firstFile, boolean keep, RealWorld frames, FrameDecoder decoder) {
    this.dir = dir;
    this.firstFile = firstFile;
    this.kept = keep ? new TreeMap<>() : null;
    this.frames = frames;
    this.decoder = decoder;
  }

  /**
   * This writer, also recording each step's frame and state from {@code world}'s pixel environments
   * ({@link RealWorld#frame}, {@link RealWorld#state}); episodes whose latents have width 0 ({@link
   * org.worldmodels.env.NoLatentEncoder}) are then written without {@code z}.
   *
   * <p>The frame of a slot is read when the slot's start or step reaches this sink, so the writer
   * must be the sink of a run over {@code world} (or a world wrapping it): {@link Rollouts#run}
   * hands a slot's start and step to the sink before it starts or steps that slot again.
   *
   * @throws IllegalArgumentException if {@code world} observes no frames
   */
  public EpisodeWriter withFramesOf(RealWorld world) {
    Check.argument(
        world != null && world.hasFrames(), "frames can only be recorded from pixel environments");
    Check.state(open.length == 0, "frames must be asked for before the first episode");
    Check.state(decoder == null, "frames are either recorded or decoded, not both");
    return new EpisodeWriter(dir, firstFile, kept != null, world, null);
  }

  /**
   * This writer, also giving each episode the frames {@code decoder} makes from its latents as it
   * ends (one episode at a time, so frames of a whole run are never held together).
   */
  public EpisodeWriter withDecodedFrames(FrameDecoder decoder) {
    Check.argument(decoder != null, "frame decoder must not be null");
    Check.state(open.length == 0, "frames must be asked for before the first episode");
    Check.state(frames == null, "frames are either recorded or decoded, not both");
    return new EpisodeWriter(dir, firstFile, kept != null, null, decoder);
  }

  /**
   * Writes each episode into {@code dir}, created if missing; the caller decides where it lives (a
   * staging directory, usually) and that it holds no other episodes.
   */
  public static EpisodeWriter toDirectory(Path dir) throws IOException {
    return toDirectory(dir, 0);
  }

  /**
   * As {@link #toDirectory(Path)}, episode {@code i} going to file {@code firstFile + i}: a later
   * round's episodes follow the earlier rounds' files in the same directory.
   */
  public static EpisodeWriter toDirectory(Path dir, int firstFile) throws IOException {
    Check.argument(dir != null, "episode directory must not be null");
    Check.inRange("first file index", firstFile, 0, Integer.MAX_VALUE);
    Files.createDirectories(dir);
    return new EpisodeWriter(dir, firstFile, false, null, null);
  }

  /** Keeps each episode in memory, for {@link #episodes()}. */
  public static EpisodeWriter inMemory() {
    return new EpisodeWriter(null, 0, true, null, null);
  }

  /** The kept episodes in index order. */
  public List<Episode> episodes() {
    Check.state(kept != null, "this writer keeps no episodes in memory");
    return List.copyOf(kept.values());
  }

  @Override
  public void start(int slot, long episode, float[] z0) {
    if (slot >= open.length) {
      open = Arrays.copyOf(open, Math.max(slot + 1, 2 * open.length));
    }
    open[slot] = new Builder(z0);
    if (frames != null) {
      open[slot].see(frames.frame(slot), frames.state(slot));
    }
  }

  @Override
  public void step(Transition t) {
    Builder b = open[t.slot()];
    b.add(t.action().clone(), t.z(), (float) t.reward(), t.terminated(), t.truncated());
    if (frames != null) {
      b.see(frames.frame(t.slot()), frames.state(t.slot()));
    }
  }

  @Override
  public void end(int slot, long episode) throws IOException {
    Episode e = open[slot].build(frames == null ? 0 : frames.frameSize());
    open[slot] = null;
    if (decoder != null) {
      e =
          new Episode(
              e.z(),
              e.action(),
              e.reward(),
              e.terminated(),
              e.truncated(),
              decoder.decode(e.z()),
              null);
    }
    if (dir != null) {
      EpisodeStore.write(
          dir.resolve(EpisodeStore.fileName(Math.toIntExact(firstFile + episode))), e);
    }
    if (kept != null) {
      kept.put(episode, e);
    }
  }

  /** One episode being recorded. */
  private static final class Builder {
    final List<float[]> z = new ArrayList<>();
    final List<float[]> action = new ArrayList<>();
    float[] reward = new float[16];
    boolean[] terminated = new boolean[16];
    boolean[] truncated = new boolean[16];
    final List<byte[]> frames = new ArrayList<>();
    final List<float[]> state = new ArrayList<>();

    Builder(float[] z0) {
      z.add(z0);
    }

    void see(byte[] frame, float[] s) {
      frames.add(frame);
      state.add(s);
    }

    void add(float[] a, float[] zNext, float r, boolean term, boolean trunc) {
      int t = action.size();
      if (t == reward.length) {
        reward = Arrays.copyOf(reward, 2 * t);
        terminated = Arrays.copyOf(terminated, 2 * t);
        truncated = Arrays.copyOf(truncated, 2 * t);
      }
      action.add(a);
      z.add(zNext);
      reward[t] = r;
      terminated[t] = term;
      truncated[t] = trunc;
    }

    /**
     * @param frameSize side N of the recorded frames; unused without frames
     */
    Episode build(int frameSize) {
      int t = action.size();
      Frames f = null;
      float[][] s = null;
      if (!frames.isEmpty()) {
        int bytes = frames.get(0).length;
        byte[] all = new byte[frames.size() * bytes];
        for (int i = 0; i < frames.size(); i++) {
          System.arraycopy(frames.get(i), 0, all, i * bytes, bytes);
        }
        f = new Frames(all, frames.size(), frameSize, frameSize);
        s = state.toArray(new float[0][]);
      }
      // Frames recorded before any vision model have latents of width 0: no z at all.
      boolean noZ = f != null && z.get(0).length == 0;
      return new Episode(
          noZ ? null : z.toArray(new float[0][]),
          action.toArray(new float[0][]),
          Arrays.copyOf(reward, t),
          Arrays.copyOf(terminated, t),
          Arrays.copyOf(truncated, t),
          f,
          s);
    }
  }
}
