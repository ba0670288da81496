/**
 * Training the MDN-RNN from recorded episodes: settings ({@link
 * org.worldmodels.train.TrainConfig}), the loop with checkpoints, validation and exact resume
 * ({@link org.worldmodels.train.Trainer}), the {@code nll_per_dim} figure ({@link
 * org.worldmodels.train.Evaluator}) and {@code metrics.csv}. Depends on {@code rnn}, {@code data},
 * {@code report}, {@code tf} and {@code util}.
 */
package org.worldmodels.train;
