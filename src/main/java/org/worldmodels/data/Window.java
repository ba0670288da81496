package org.worldmodels.data;

/**
 * A run of consecutive transitions of one episode, the unit a batch row scores. A window never
 * crosses an episode boundary; its row starts from a zero LSTM state, at the window's start or,
 * with a burn-in, up to that many transitions before it ({@link BatchPlan}).
 *
 * @param episode dataset index of the episode
 * @param start first transition
 * @param length number of transitions, 1 to seqLen
 */
record Window(int episode, int start, int length) {}
