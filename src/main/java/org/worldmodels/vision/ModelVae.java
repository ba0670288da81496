package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * The VAE kept beside data or a model: {@code DIR/vae/}, a directory {@link Vae#load} opens.
 *
 * <p>Convention (docs/vision.md, "Where the VAE lives"): {@code vae encode --out DATA} writes the
 * VAE it encoded with to {@code DATA/vae/}, {@code train} on such data copies it to {@code
 * MODEL/vae/}, and the spec of either records {@code "encoder": {"type": "vae", "sha256": ...}}
 * with that VAE's {@link Vae#sha256()}. So a data or run directory can move and still name and hold
 * its encoder.
 *
 * <pre>{@code
 * try (Vae vae = ModelVae.open(modelDir, spec.encoder().sha256())) { ... }
 * }</pre>
 *
 * <p>The copy holds the latest checkpoint's weights and metadata and {@code latest.json}; Adam's
 * moments (for resuming training) are left behind.
 */
public final class ModelVae {
  /** Name of the VAE's directory inside a data or model directory. */
  public static final String DIR_NAME = "vae";

  private ModelVae() {}

  /** {@code dir/vae}, where the VAE of a data or model directory lives. */
  public static Path path(Path dir) {
    return dir.resolve(DIR_NAME);
  }

  /**
   * Opens {@code dir/vae} and checks its weights against the spec's {@code encoder.sha256}.
   *
   * @param dir a model or data directory
   * @param sha256 the SHA-256 its spec records for the VAE
   * @throws IllegalArgumentException naming the directory when {@code dir/vae} is missing, is not a
   *     VAE directory, or holds other weights
   */
  public static Vae open(Path dir, String sha256) {
    Path vaeDir = requirePresent(dir);
    Vae vae = Vae.load(vaeDir);
    if (!vae.sha256().equals(sha256)) {
      vae.close();
      throw mismatch(vaeDir, vae.sha256(), sha256);
    }
    return vae;
  }

  /**
   * SHA-256 of the weights of the VAE directory {@code vaeDir} ({@link Vae#sha256()}), computed in
   * Java without loading TensorFlow.
   *
   * @throws IllegalArgumentException naming the file when {@code vaeDir} is not a readable VAE
   */
  public static String sha256(Path vaeDir) {
    VaeCheckpoints.Loaded l = VaeCheckpoints.load(vaeDir, false);
    return l.weights().sha256(l.metadata().model());
  }

  /**
   * Copies the VAE directory {@code vaeDir} to {@code dir/vae} (staged in a hidden directory, then
   * renamed), checking its weights first.
   *
   * @param sha256 the SHA-256 the weights must have, or null to accept any
   * @return the SHA-256 of the copied weights
   * @throws IllegalArgumentException when {@code vaeDir} is not a readable VAE, its weights differ
   *     from {@code sha256}, or {@code dir/vae} already exists
   */
  public static String copy(Path vaeDir, Path dir, String sha256) throws IOException {
    String actual = sha256(vaeDir);
    if (sha256 != null && !sha256.equals(actual)) {
      throw mismatch(vaeDir, actual, sha256);
    }
    Path target = path(dir);
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + ": exists; expected no VAE there yet");
    }
    Path ckpt = VaeCheckpoints.latestDir(vaeDir);
    Files.createDirectories(dir);
    Path staging = Files.createTempDirectory(dir, "." + DIR_NAME + ".tmp-");
    try {
      Path c = Files.createDirectory(staging.resolve(ckpt.getFileName()));
      for (String f : new String[] {VaeCheckpoints.WEIGHTS, VaeCheckpoints.METADATA}) {
        AtomicFiles.write(c.resolve(f), out -> Files.copy(ckpt.resolve(f), out));
      }
      VaeMetadata m = VaeCheckpoints.metadataIn(ckpt);
      Json.write(
          staging.resolve(VaeCheckpoints.LATEST),
          new VaeCheckpoints.Latest(ckpt.getFileName().toString(), m.epoch()));
      AtomicFiles.fsyncDirectory(staging);
      AtomicFiles.moveAtomically(staging, target);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
    return actual;
  }

  /**
   * Gives a model trained on {@code dataDir} its own copy of the data's VAE: when {@code spec}'s
   * encoder is a VAE, copies {@code dataDir/vae} to {@code modelDir/vae} (or, if the model already
   * has one, e.g. on resume, checks it), checking the weights against {@code encoder.sha256}. Does
   * nothing for state-vector data.
   *
   * @throws IllegalArgumentException naming the directory when the data's VAE is missing or either
   *     VAE's weights differ from the spec's
   */
  public static void adopt(Path dataDir, DataSpec spec, Path modelDir) throws IOException {
    EncoderSpec encoder = spec.encoder();
    if (encoder == null || encoder.isIdentity()) {
      return;
    }
    Path own = path(modelDir);
    if (Files.isDirectory(own)) {
      String actual = sha256(own);
      if (!actual.equals(encoder.sha256())) {
        throw mismatch(own, actual, encoder.sha256());
      }
      return;
    }
    copy(requirePresent(dataDir), modelDir, encoder.sha256());
  }

  /**
   * Checks, without writing or loading TensorFlow, what {@link #adopt} will do: that the data's VAE
   * is there with the spec's weights.
   */
  public static void checkAdoptable(Path dataDir, DataSpec spec) {
    EncoderSpec encoder = spec.encoder();
    if (encoder == null || encoder.isIdentity()) {
      return;
    }
    Path vaeDir = requirePresent(dataDir);
    String actual = sha256(vaeDir);
    if (!actual.equals(encoder.sha256())) {
      throw mismatch(vaeDir, actual, encoder.sha256());
    }
  }

  private static Path requirePresent(Path dir) {
    Path vaeDir = path(dir);
    if (!Files.isDirectory(vaeDir)) {
      throw new IllegalArgumentException(
          dir
              + ": no "
              + DIR_NAME
              + "/ directory; data encoded by vae encode (and models trained on it) keep their"
              + " VAE there");
    }
    return vaeDir;
  }

  private static IllegalArgumentException mismatch(Path vaeDir, String actual, String expected) {
    return new IllegalArgumentException(
        vaeDir
            + ": the VAE's weights have sha256 "
            + actual
            + "; the spec's encoder.sha256 is "
            + expected);
  }
}
