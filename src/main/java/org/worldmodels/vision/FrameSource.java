package org.worldmodels.vision;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Episodes of uint8 RGB frames, as the ConvVAE reads them: episode {@code i} is {@code [T+1][H * W
 * * 3]} (each frame row-major, row 0 at the top, channels last), every frame {@code frameSize x
 * frameSize x 3}.
 *
 * <p>A seam: episode files with a {@code frames} key, an in-memory list ({@link InMemoryFrames}) or
 * a generator ({@link DiscFrames}) all look alike to the trainer and evaluator.
 */
public interface FrameSource {
  /** Frame side {@code H = W}. */
  int frameSize();

  /** Number of episodes. */
  int episodes();

  /**
   * The frames of episode {@code i}, {@code [T+1][H * W * 3]}; the caller must not change them.
   *
   * @throws IllegalArgumentException for an episode that cannot be read or has frames of another
   *     shape, naming it
   */
  byte[][] episode(int i);

  /** Frames in episode {@code i}. */
  default int frames(int i) {
    return episode(i).length;
  }

  /**
   * SHA-256 of every frame in episode order, to tell on resume whether the data changed. Reads
   * every episode once.
   */
  default String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < episodes(); i++) {
        byte[][] e = episode(i);
        md.update(
            new byte[] {
              (byte) (e.length >>> 24),
              (byte) (e.length >>> 16),
              (byte) (e.length >>> 8),
              (byte) e.length
            });
        for (byte[] f : e) {
          md.update(f);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
