package org.worldmodels.control;

import java.nio.file.Path;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.util.Check;

/**
 * The model a controller was trained for, as recorded in its controller file: enough to tell later
 * whether a model directory is still the one it was trained in.
 *
 * @param path the model directory as the user gave it
 * @param step the step of its latest checkpoint at the time, {@code >= 0}
 * @param dataFingerprint SHA-256 of the model's training data, from its checkpoint metadata
 */
public record ModelReference(String path, long step, String dataFingerprint) {

  /** Validates the fields. */
  public ModelReference {
    Check.argument(path != null && !path.isEmpty(), "model.path must be a non-empty string");
    Check.inRange("model.step", step, 0, Long.MAX_VALUE);
    Check.argument(dataFingerprint != null, "model.data_fingerprint must be a string, got null");
  }

  /**
   * The reference to the latest checkpoint of {@code modelDir}.
   *
   * @throws IllegalArgumentException if it is not a readable model directory
   */
  public static ModelReference of(Path modelDir) {
    CheckpointMetadata m = Checkpoints.metadata(modelDir);
    return new ModelReference(
        modelDir.toString(), m.step(), m.dataFingerprint() == null ? "" : m.dataFingerprint());
  }
}
