package org.worldmodels.pipeline;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code summary.json} of a pipeline run: the fixed keys of the contract, then {@code rounds}, then
 * whatever keys the run's phases added ({@link RunContext#putSummary}), in the order they added
 * them. New phases add keys without changing this record.
 *
 * @param env environment id
 * @param seed the run's seed
 * @param realMeanReturn mean return of the final controller over the real episodes
 * @param realStdReturn their standard deviation (ddof 0)
 * @param realEpisodes number of real episodes
 * @param dreamMeanReturn the final controller's mean return in fresh dreams
 * @param seconds wall-clock seconds per phase (summed over rounds)
 * @param totalSeconds wall-clock seconds of the whole run
 * @param rounds one entry per round of collecting, training and control (one for a single-round
 *     recipe)
 * @param extra keys added by phases, written after the others
 */
@JsonPropertyOrder({
  "env",
  "seed",
  "real_mean_return",
  "real_std_return",
  "real_episodes",
  "dream_mean_return",
  "seconds",
  "total_seconds",
  "rounds"
})
public record Summary(
    @JsonProperty("env") String env,
    @JsonProperty("seed") long seed,
    @JsonProperty("real_mean_return") double realMeanReturn,
    @JsonProperty("real_std_return") double realStdReturn,
    @JsonProperty("real_episodes") int realEpisodes,
    @JsonProperty("dream_mean_return") double dreamMeanReturn,
    @JsonProperty("seconds") Map<String, Double> seconds,
    @JsonProperty("total_seconds") double totalSeconds,
    @JsonProperty("rounds") List<Round> rounds,
    @JsonIgnore Map<String, Object> extra) {

  /**
   * The keys every summary has, read from the {@link JsonPropertyOrder} above so that the two lists
   * cannot drift apart; phases may not add these.
   */
  static final Set<String> FIXED_KEYS =
      Set.of(Summary.class.getAnnotation(JsonPropertyOrder.class).value());

  public Summary {
    seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    rounds = List.copyOf(rounds);
    extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
  }

  /** The keys added by phases, in order (for Jackson: written after the fixed keys). */
  @JsonAnyGetter
  public Map<String, Object> extraKeys() {
    return Collections.unmodifiableMap(extra);
  }

  /**
   * One round of the World Models loop (ARCHITECTURE.md, "Seeds, iterative training...").
   *
   * @param round 0-based
   * @param episodes real episodes collected in the round
   * @param collectMeanReturn their mean return (exploration included)
   * @param realMeanReturn the round's controller on the play episodes: reported, never used to
   *     decide anything
   * @param dreamMeanReturn the round's controller in fresh dreams
   * @param seconds wall-clock seconds of the round
   */
  public record Round(
      @JsonProperty("round") int round,
      @JsonProperty("episodes") int episodes,
      @JsonProperty("collect_mean_return") double collectMeanReturn,
      @JsonProperty("real_mean_return") double realMeanReturn,
      @JsonProperty("dream_mean_return") double dreamMeanReturn,
      @JsonProperty("seconds") double seconds) {}
}
