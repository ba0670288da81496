package org.worldmodels.rnn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.worldmodels.util.Check;
import org.worldmodels.util.Version;

/**
 * What a checkpoint records besides its arrays: enough to rebuild the model, to continue its
 * training exactly, and to tell where it came from. Built with {@link #builder()} (or {@link
 * #toBuilder()}), which fills the format, the library version and empty figures; the JSON form is
 * the record's components.
 *
 * @param format always {@link Checkpoints#FORMAT}
 * @param formatVersion layout version, {@link Checkpoints#FORMAT_VERSION}
 * @param libraryVersion the worldmodels version that wrote it
 * @param step optimizer updates done
 * @param model the model's shape
 * @param train the training settings (a JSON object, read by the trainer)
 * @param dataSpec the training data's {@code spec.json} (a JSON object)
 * @param dataFingerprint SHA-256 of the training data's arrays
 * @param latentRange the range the training latents span, or null (models written before it was
 *     recorded, models built in memory)
 * @param threads TensorFlow intra-op threads (same seed and threads give the same bits)
 * @param sessionsOwnThreads whether each TensorFlow session had intra-op threads of its own ({@code
 *     TF_OVERRIDE_GLOBAL_THREADPOOL}, {@link org.worldmodels.tf.TfRuntime#sessionsOwnThreads()}),
 *     which sets how many threads each of the training window's ops runs on; null in checkpoints
 *     written before it was recorded
 * @param figures named figures at this step (losses, validation NLL)
 * @param seconds training time so far
 * @param created ISO-8601 time of writing
 */
public record CheckpointMetadata(
    String format,
    int formatVersion,
    String libraryVersion,
    long step,
    MdnRnnConfig model,
    JsonNode train,
    JsonNode dataSpec,
    String dataFingerprint,
    LatentBounds latentRange,
    int threads,
    // Absent, not null, where unknown: older files are written back as they were.
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean sessionsOwnThreads,
    Map<String, Double> figures,
    double seconds,
    String created) {

  /** Metadata of this library's format and version, at step 0, with no figures. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to change a few. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.format = format;
    b.formatVersion = formatVersion;
    b.libraryVersion = libraryVersion;
    return b.step(step)
        .model(model)
        .train(train)
        .dataSpec(dataSpec)
        .dataFingerprint(dataFingerprint)
        .latentRange(latentRange)
        .threads(threads)
        .sessionsOwnThreads(sessionsOwnThreads)
        .figures(figures)
        .seconds(seconds)
        .created(created);
  }

  /** Builds {@link CheckpointMetadata}; unset references stay null (absent from old files). */
  public static final class Builder {
    private String format = Checkpoints.FORMAT;
    private int formatVersion = Checkpoints.FORMAT_VERSION;
    private String libraryVersion = Version.get();
    private long step;
    private MdnRnnConfig model;
    private JsonNode train;
    private JsonNode dataSpec;
    private String dataFingerprint;
    private LatentBounds latentRange;
    private int threads;
    private Boolean sessionsOwnThreads;
    private Map<String, Double> figures = Map.of();
    private double seconds;
    private String created;

    private Builder() {}

    /** The worldmodels version that writes it (default: this build's). */
    public Builder libraryVersion(String v) {
      libraryVersion = v;
      return this;
    }

    public Builder step(long s) {
      step = s;
      return this;
    }

    public Builder model(MdnRnnConfig m) {
      model = m;
      return this;
    }

    public Builder train(JsonNode t) {
      train = t;
      return this;
    }

    public Builder dataSpec(JsonNode spec) {
      dataSpec = spec;
      return this;
    }

    public Builder dataFingerprint(String f) {
      dataFingerprint = f;
      return this;
    }

    public Builder latentRange(LatentBounds r) {
      latentRange = r;
      return this;
    }

    public Builder threads(int n) {
      threads = n;
      return this;
    }

    public Builder sessionsOwnThreads(Boolean own) {
      sessionsOwnThreads = own;
      return this;
    }

    public Builder figures(Map<String, Double> f) {
      figures = f;
      return this;
    }

    public Builder seconds(double s) {
      seconds = s;
      return this;
    }

    /** ISO-8601 time of writing. */
    public Builder created(String iso) {
      created = iso;
      return this;
    }

    /**
     * The metadata.
     *
     * @throws IllegalArgumentException without a model
     */
    public CheckpointMetadata build() {
      Check.argument(model != null, "checkpoint metadata needs a model");
      return new CheckpointMetadata(
          format,
          formatVersion,
          libraryVersion,
          step,
          model,
          train,
          dataSpec,
          dataFingerprint,
          latentRange,
          threads,
          sessionsOwnThreads,
          figures,
          seconds,
          created);
    }
  }
}
