package org.worldmodels.vision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.data.Frames;
import org.worldmodels.util.Check;

/** Episodes of frames held in memory (uint8), checked once when made. */
public final class InMemoryFrames implements FrameSource {
  private final int frameSize;
  private final List<byte[][]> episodes;

  /**
   * @param frameSize frame side
   * @param episodes each {@code [T+1][frameSize * frameSize * 3]}, at least one frame each
   * @throws IllegalArgumentException naming the episode and frame of the wrong size
   */
  public InMemoryFrames(int frameSize, List<byte[][]> episodes) {
    this.frameSize = Check.inRange("frame size", frameSize, 1, 1 << 14);
    Check.argument(!episodes.isEmpty(), "frames: no episodes");
    int values = frameSize * frameSize * VaeConfig.CHANNELS;
    List<byte[][]> copy = new ArrayList<>(episodes.size());
    for (int i = 0; i < episodes.size(); i++) {
      byte[][] e = episodes.get(i);
      if (e.length == 0) {
        throw new IllegalArgumentException("frames: episode " + i + " has no frames");
      }
      for (int t = 0; t < e.length; t++) {
        if (e[t].length != values) {
          throw new IllegalArgumentException(
              "frames: episode "
                  + i
                  + " frame "
                  + t
                  + " has "
                  + e[t].length
                  + " values; expected "
                  + frameSize
                  + " x "
                  + frameSize
                  + " x 3 = "
                  + values);
        }
      }
      copy.add(e);
    }
    this.episodes = List.copyOf(copy);
  }

  /**
   * Reads the frames of every episode of {@code data} (uint8, in episode order): what {@code vae
   * train} and {@code vae eval} read.
   *
   * @throws IllegalArgumentException naming the directory for frames that are not square, or (from
   *     {@link FrameEpisodes#read}) naming the file for an episode without frames or with frames of
   *     another dtype, shape or size
   * @throws IOException when a file cannot be read
   */
  public static InMemoryFrames read(FrameEpisodes data) throws IOException {
    if (data.height() != data.width()) {
      throw new IllegalArgumentException(
          data.dir()
              + ": frames of "
              + data.height()
              + " x "
              + data.width()
              + "; the VAE reads square frames, N x N");
    }
    List<byte[][]> episodes = new ArrayList<>(data.episodes());
    for (int i = 0; i < data.episodes(); i++) {
      Frames f = data.read(i);
      byte[][] e = new byte[f.count()][];
      for (int t = 0; t < e.length; t++) {
        e[t] = f.frame(t);
      }
      episodes.add(e);
    }
    return new InMemoryFrames(data.height(), episodes);
  }

  @Override
  public int frameSize() {
    return frameSize;
  }

  @Override
  public int episodes() {
    return episodes.size();
  }

  @Override
  public byte[][] episode(int i) {
    return episodes.get(i);
  }
}
