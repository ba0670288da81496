package org.worldmodels.dream;

/** Which implementation advances the LSTM and head. */
public enum Backend {
  /** Plain Java at small batches, TensorFlow at large ones (see {@link DreamOptions}). */
  AUTO,
  /** The plain-Java cell: no per-call cost, bit-identical rows whatever the batch. */
  JAVA,
  /** TensorFlow's one-step graph: fastest at large batches; rows agree with Java to ~1e-6. */
  TENSORFLOW
}
