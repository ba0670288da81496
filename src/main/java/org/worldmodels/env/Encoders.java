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
   * no key).
   *
   * @param modelDir the model (or dataset) directory, where a learned encoder keeps its weights
   * @throws IllegalArgumentException for an encoder this version cannot open (a VAE, until the
   *     vision model of issue 12 exists)
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
    throw new IllegalArgumentException(
        modelDir
            + ": encoder type "
            + encoder.type()
            + " needs the vision model (issue 12); not available in this version");
  }
}
