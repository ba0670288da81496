/**
 * The MDN-RNN of World Models: its configuration ({@link org.worldmodels.rnn.MdnRnnConfig}), its
 * weights in the fused-LSTM layout ({@link org.worldmodels.rnn.MdnRnnWeights}), the unrolled
 * training and evaluation graph ({@link org.worldmodels.rnn.SequenceGraph}) and crash-safe
 * checkpoints ({@link org.worldmodels.rnn.Checkpoints}). Depends on {@code mdn}, {@code tf}, {@code
 * io} and {@code util}; the data spec is carried as opaque JSON and the training latents' range as
 * {@link org.worldmodels.rnn.LatentBounds}, so that this package does not depend on {@code data}.
 */
package org.worldmodels.rnn;
