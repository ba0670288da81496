package org.worldmodels.env;

/**
 * What {@link Collector#write} recorded.
 *
 * @param episodes episode files written
 * @param steps transitions over all episodes
 */
public record CollectResult(int episodes, long steps) {}
