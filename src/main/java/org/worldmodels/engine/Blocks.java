package org.worldmodels.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.util.Check;

/**
 * Consecutive blocks of episodes, an engine's units for {@code collect} and {@code play}. An
 * episode depends on its index alone (its seed), so how episodes are cut into blocks changes no bit
 * of the result, only how the work spreads: {@link #of} makes about four blocks per task slot.
 */
public final class Blocks {
  /** Blocks per task slot: small enough to spread unequal episodes, few enough to cost little. */
  static final int PER_SLOT = 4;

  private Blocks() {}

  /**
   * Episodes {@code start..start+count-1}.
   *
   * @param start first episode
   * @param count episodes, at least 1
   */
  public record Block(int start, int count) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates. */
    public Block {
      Check.argument(start >= 0 && count >= 1, "block " + start + "+" + count);
    }
  }

  /** {@code episodes} cut into about {@code PER_SLOT * slots} blocks of nearly equal size. */
  public static List<Block> of(int episodes, int slots) {
    Check.positive("episodes", episodes);
    int n = (int) Math.min(episodes, (long) PER_SLOT * Math.max(1, slots));
    List<Block> out = new ArrayList<>(n);
    for (int b = 0; b < n; b++) {
      int start = (int) ((long) episodes * b / n);
      int end = (int) ((long) episodes * (b + 1) / n);
      out.add(new Block(start, end - start));
    }
    return out;
  }
}
