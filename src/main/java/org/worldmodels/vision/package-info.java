/**
 * The vision model V of World Models: a convolutional variational autoencoder (ConvVAE) in
 * TensorFlow Java that turns 64 x 64 RGB frames into a small latent {@code z} and back, its
 * training (our own Adam, seeded, checkpointed per epoch, exactly resumable), evaluation, and the
 * frame sources it reads (episodes of uint8 frames, synthetic discs).
 *
 * <p>Depends on {@code tf}, {@code util}, {@code io}, {@code data} and {@code report} (plots) only;
 * knows nothing of M or C ({@code rnn}, {@code dream}, {@code control}), and nothing but {@code
 * cli} depends on it.
 */
package org.worldmodels.vision;
