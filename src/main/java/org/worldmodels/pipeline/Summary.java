package org.worldmodels.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code summary.json} of a pipeline run.
 *
 * @param env environment id
 * @param seed the run's seed
 * @param realMeanReturn mean return of the controller over the real episodes
 * @param realStdReturn their standard deviation (ddof 0)
 * @param realEpisodes number of real episodes
 * @param dreamMeanReturn the final controller's mean return in fresh dreams
 * @param seconds wall-clock seconds per phase
 * @param totalSeconds wall-clock seconds of the whole run
 */
public record Summary(
    @JsonProperty("env") String env,
    @JsonProperty("seed") long seed,
    @JsonProperty("real_mean_return") double realMeanReturn,
    @JsonProperty("real_std_return") double realStdReturn,
    @JsonProperty("real_episodes") int realEpisodes,
    @JsonProperty("dream_mean_return") double dreamMeanReturn,
    @JsonProperty("seconds") Map<String, Double> seconds,
    @JsonProperty("total_seconds") double totalSeconds) {}
