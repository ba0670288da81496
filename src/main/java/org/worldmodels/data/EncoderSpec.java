package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The encoder that turned a dataset's observations into its latents {@code z}, as in the {@code
 * "encoder"} key of {@code spec.json}: {@code {"type": "identity"}} (state-vector data, where
 * {@code z} is the observation) or {@code {"type": "vae", "sha256": "<of the VAE's weights>"}}
 * (frames encoded by a ConvVAE). Unknown keys are ignored; unknown types are refused.
 *
 * @param type {@value #IDENTITY_TYPE} or {@value #VAE_TYPE}
 * @param sha256 for a VAE, the SHA-256 of its weights (64 lower-case hexadecimal digits); null for
 *     the identity
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncoderSpec(
    @JsonProperty("type") String type, @JsonProperty("sha256") String sha256) {
  /** The type of {@link #IDENTITY}. */
  public static final String IDENTITY_TYPE = "identity";

  /** The type of a ConvVAE. */
  public static final String VAE_TYPE = "vae";

  /** {@code z} is the observation itself. */
  public static final EncoderSpec IDENTITY = new EncoderSpec(IDENTITY_TYPE, null);

  /** Validates the type and the digest; messages name the key, {@code encoder.*}. */
  @JsonCreator
  public EncoderSpec {
    if (IDENTITY_TYPE.equals(type)) {
      if (sha256 != null) {
        throw new IllegalArgumentException(
            "'encoder.sha256' belongs to type vae only; type identity has no weights");
      }
    } else if (VAE_TYPE.equals(type)) {
      if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "'encoder.sha256' must be 64 lower-case hexadecimal digits (the SHA-256 of the VAE's"
                + " weights), got "
                + (sha256 == null ? "none" : "'" + sha256 + "'"));
      }
    } else {
      throw new IllegalArgumentException(
          "'encoder.type' must be "
              + IDENTITY_TYPE
              + " or "
              + VAE_TYPE
              + ", got "
              + (type == null ? "none" : "'" + type + "'"));
    }
  }

  /** A ConvVAE whose weights have the SHA-256 {@code sha256}. */
  public static EncoderSpec vae(String sha256) {
    return new EncoderSpec(VAE_TYPE, sha256);
  }

  /** Whether {@code z} is the observation itself. */
  @JsonIgnore // derived from type, not a key of its own
  public boolean isIdentity() {
    return IDENTITY_TYPE.equals(type);
  }
}
