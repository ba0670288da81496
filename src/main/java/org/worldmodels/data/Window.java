package org.worldmodels.data;

/**
 * A run of consecutive transitions of one episode, the unit a batch row holds. A window never
 * crosses an episode boundary, so every row starts from a zero LSTM state.
 *
 * @param episode dataset index of the episode
 * @param start first transition
 * @param length number of transitions, 1 to seqLen
 */
record Window(int episode, int start, int length) {}
