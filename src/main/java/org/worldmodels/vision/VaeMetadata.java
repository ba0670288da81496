package org.worldmodels.vision;

import java.util.Map;

/**
 * What a VAE checkpoint records besides its arrays: enough to rebuild the model, continue training
 * exactly, and name the weights.
 *
 * @param format always {@link VaeCheckpoints#FORMAT}
 * @param formatVersion layout version, {@link VaeCheckpoints#FORMAT_VERSION}
 * @param libraryVersion the worldmodels version that wrote it
 * @param epoch epochs done
 * @param step optimizer updates done
 * @param model the ConvVAE's shape and loss
 * @param train the training settings
 * @param dataFingerprint {@link FrameSource#fingerprint()} of the training data
 * @param weightsSha256 SHA-256 of {@code weights.npz} ({@link VaeWeights#sha256})
 * @param threads TensorFlow intra-op threads (same seed and threads give the same bits)
 * @param figures named figures at this epoch ({@code train_loss}, {@code val_recon_mse}...)
 * @param seconds training time so far
 * @param created ISO-8601 time of writing
 */
public record VaeMetadata(
    String format,
    int formatVersion,
    String libraryVersion,
    int epoch,
    long step,
    VaeConfig model,
    VaeTrainConfig train,
    String dataFingerprint,
    String weightsSha256,
    int threads,
    Map<String, Double> figures,
    double seconds,
    String created) {}
