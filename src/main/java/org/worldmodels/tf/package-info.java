/**
 * TensorFlow Java building blocks shared by the standalone MDN and the MDN-RNN: session
 * configuration ({@link org.worldmodels.tf.TfRuntime}), max-shifted log-sum-exp ({@link
 * org.worldmodels.tf.TfMath}), named variables initialised from Java arrays ({@link
 * org.worldmodels.tf.ParamSet}) and our own Adam with gradient clipping ({@link
 * org.worldmodels.tf.AdamGraph}).
 *
 * <p>This package is not in the original design: the optimizer and the log-space helpers are used
 * by both {@code mdn} (the standalone regressor) and {@code rnn}/{@code train}, and {@code mdn}
 * must not depend on {@code train}. It depends on {@code util} and {@code io} only.
 */
package org.worldmodels.tf;
