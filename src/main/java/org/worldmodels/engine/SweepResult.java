package org.worldmodels.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A seed sweep's figures, written as {@code <env>-sweep.json}: each seed's real mean return, their
 * mean (summed in seed order) and their least.
 *
 * @param env the recipe's environment
 * @param seeds the seeds, in order
 * @param realMeanReturn each seed's {@code real_mean_return}
 * @param mean their mean
 * @param min their least
 * @param summaries each seed's {@code summary.json}, as one JSON line (not written to the sweep
 *     file)
 */
@JsonPropertyOrder({"env", "seeds", "real_mean_return", "mean", "min"})
public record SweepResult(
    @JsonProperty("env") String env,
    @JsonProperty("seeds") List<Long> seeds,
    @JsonProperty("real_mean_return") List<Double> realMeanReturn,
    @JsonProperty("mean") double mean,
    @JsonProperty("min") double min,
    @JsonIgnore List<String> summaries) {
  /** Copies the lists. */
  public SweepResult {
    seeds = List.copyOf(seeds);
    realMeanReturn = List.copyOf(realMeanReturn);
    summaries = List.copyOf(summaries);
  }
}
