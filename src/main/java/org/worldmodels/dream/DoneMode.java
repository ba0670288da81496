package org.worldmodels.dream;

/** How a dream decides that an episode ended, from the done head's probability. */
public enum DoneMode {
  /** Draw done ~ Bernoulli(p) from the row's stream (the default; World Models' Doom dream). */
  SAMPLE,
  /** Done when p exceeds the threshold; no randomness. */
  THRESHOLD
}
