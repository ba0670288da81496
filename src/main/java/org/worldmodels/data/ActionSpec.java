package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;

/**
 * The action space of a dataset, as written in {@code spec.json}: {@code {"type": "box", "low":
 * [...], "high": [...]}} or {@code {"type": "discrete", "n": N}}. Unknown keys are ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ActionSpec.Box.class, name = "box"),
  @JsonSubTypes.Type(value = ActionSpec.Discrete.class, name = "discrete")
})
public sealed interface ActionSpec permits ActionSpec.Box, ActionSpec.Discrete {

  /** Width A of an action vector in episode files (n for discrete: actions are one-hot). */
  int size();

  /**
   * A box of continuous actions; infinite bounds are allowed (an unbounded dimension).
   *
   * @param low per-dimension lower bounds
   * @param high per-dimension upper bounds, each {@code >= low}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Box(@JsonProperty("low") double[] low, @JsonProperty("high") double[] high)
      implements ActionSpec {
    public Box {
      if (low == null || high == null) {
        throw new IllegalArgumentException("box action needs 'low' and 'high'");
      }
      if (low.length != high.length || low.length == 0) {
        throw new IllegalArgumentException(
            "box action: 'low' has "
                + low.length
                + " values and 'high' "
                + high.length
                + "; expected the same number, at least 1");
      }
      for (int i = 0; i < low.length; i++) {
        if (!(low[i] <= high[i])) { // also catches NaN
          throw new IllegalArgumentException(
              "box action: low["
                  + i
                  + "] = "
                  + low[i]
                  + " > high["
                  + i
                  + "] = "
                  + high[i]
                  + "; expected low <= high");
        }
      }
      low = low.clone();
      high = high.clone();
    }

    @Override
    public double[] low() {
      return low.clone();
    }

    @Override
    public double[] high() {
      return high.clone();
    }

    @Override
    public int size() {
      return low.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
      return "Box[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
  }

  /**
   * {@code n} discrete actions, numbered as the environment numbers them and stored one-hot.
   *
   * @param n number of actions, at least 1
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Discrete(@JsonProperty("n") int n) implements ActionSpec {
    public Discrete {
      if (n < 1) {
        throw new IllegalArgumentException("discrete action: 'n' must be >= 1, got " + n);
      }
    }

    @Override
    public int size() {
      return n;
    }
  }
}
