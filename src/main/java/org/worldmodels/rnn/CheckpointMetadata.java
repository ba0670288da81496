package org.worldmodels.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.worldmodels.data.LatentRange;

/**
 * What a checkpoint records besides its arrays: enough to rebuild the model, to continue its
 * training exactly, and to tell where it came from.
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
    LatentRange latentRange,
    int threads,
    Map<String, Double> figures,
    double seconds,
    String created) {}
