package org.worldmodels.env;

import java.nio.file.Path;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EncoderSpec;

/**
 * Opens the encoder a dataset or model was made with, from the {@code "encoder"} key of its data
 * spec, so that {@code play}, {@code collect --policy} and the pipeline feed a controller the same
 * kind of {@code z} it was trained on.
 *
 * <pre>{@code
 * try (Encoder encoder = Encoders.open(model.spec(), modelDir)) { ... }
 * }</pre>
 */
public final class Encoders {
  private Encoders() {}

  /**
   * The encoder {@code spec} records: {@link IdentityEncoder} for {@code {"type": "identity"}} (or
   * no key); for {@code {"type": "vae", "sha256": ...}} a {@link VaeEncoder} over {@code
   * modelDir/vae} (which owns a TensorFlow session: close it).
   *
   * @param modelDir the model (or dataset) directory, where a learned encoder keeps its weights
   * @throws IllegalArgumentException for frames without z, or a VAE missing from {@code
   *     modelDir/vae} or with other weights than the spec's
   */
  public static Encoder open(DataSpec spec, Path modelDir) {
    if (spec == null) {
      throw new IllegalArgumentException("data spec must not be null, expected a model's spec");
    }
    if (!spec.hasZ()) {
      throw new IllegalArgumentException(
          modelDir + ": the data spec records frames without z_size; encode them with vae encode");
    }
    EncoderSpec encoder = spec.encoder();
    if (encoder.isIdentity()) {
      return IdentityEncoder.INSTANCE;
    }
    // A VAE: the model directory keeps its own copy, checked against the recorded digest.
    return VaeEncoder.open(modelDir, encoder.sha256());
  }
}
