package org.worldmodels.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import org.worldmodels.util.Check;

/**
 * The box that a model's training latents span: per dimension, the least and greatest value of
 * every {@code z} (initial, intermediate and final) in the training episodes. Outside it the model
 * was never shown what happens, so a dream can treat leaving it as the end of the episode (see
 * {@link org.worldmodels.dream.DreamOptions.Builder#haltOutside}).
 *
 * <p>Series episodes contribute their means.
 *
 * @param min least value per dimension
 * @param max greatest value per dimension, each at least {@code min}
 */
public record LatentRange(@JsonProperty("min") float[] min, @JsonProperty("max") float[] max) {

  public LatentRange {
    Check.argument(min != null && max != null, "latent range needs 'min' and 'max'");
    Check.argument(
        min.length == max.length && min.length > 0,
        "latent range: 'min' has "
            + min.length
            + " values and 'max' "
            + max.length
            + "; expected the same positive count");
    for (int d = 0; d < min.length; d++) {
      Check.argument(
          Float.isFinite(min[d]) && Float.isFinite(max[d]) && min[d] <= max[d],
          "latent range: dimension "
              + d
              + " is ["
              + min[d]
              + ", "
              + max[d]
              + "]; expected finite"
              + " min <= max");
    }
    min = min.clone();
    max = max.clone();
  }

  /** The range of every latent in {@code episodes} (at least one). */
  public static LatentRange of(List<Episode> episodes) {
    Check.argument(!episodes.isEmpty(), "latent range of no episodes");
    int zs = episodes.get(0).zSize();
    float[] lo = new float[zs];
    float[] hi = new float[zs];
    Arrays.fill(lo, Float.POSITIVE_INFINITY);
    Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (Episode e : episodes) {
      for (float[] z : e.z()) {
        for (int d = 0; d < zs; d++) {
          lo[d] = Math.min(lo[d], z[d]);
          hi[d] = Math.max(hi[d], z[d]);
        }
      }
    }
    return new LatentRange(lo, hi);
  }

  /** Number of dimensions. */
  public int size() {
    return min.length;
  }

  /**
   * This range grown on both sides of every dimension by {@code fraction} of its width (0: the
   * range itself; a negative fraction, above -0.5, shrinks it: near the edges of the data the model
   * has seen few examples and extrapolates poorly).
   */
  public LatentRange widen(double fraction) {
    Check.finite("margin", fraction);
    Check.argument(
        fraction > -0.5, "margin " + fraction + ": expected more than -0.5 (-0.5 leaves no range)");
    float[] lo = new float[min.length];
    float[] hi = new float[min.length];
    for (int d = 0; d < min.length; d++) {
      double pad = fraction * ((double) max[d] - min[d]);
      lo[d] = (float) (min[d] - pad);
      hi[d] = (float) (max[d] + pad);
    }
    return new LatentRange(lo, hi);
  }

  /** Whether every value of {@code z} lies within the range (bounds included). */
  public boolean contains(float[] z) {
    for (int d = 0; d < min.length; d++) {
      if (!(z[d] >= min[d] && z[d] <= max[d])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatentRange r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "LatentRange[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
  }
}
