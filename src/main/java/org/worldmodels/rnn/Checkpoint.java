package org.worldmodels.rnn;

import java.util.Map;

/**
 * A saved training state: model weights, optimizer moments and metadata.
 *
 * @param metadata configuration, step and provenance
 * @param weights model weights
 * @param optimizer Adam moments by name (empty when not saved)
 */
public record Checkpoint(
    CheckpointMetadata metadata, MdnRnnWeights weights, Map<String, float[]> optimizer) {}
