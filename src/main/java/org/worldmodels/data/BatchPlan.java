package org.worldmodels.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.worldmodels.util.Check;
import org.worldmodels.util.Seeds;

/**
 * Cuts training episodes into windows of {@code seqLen} transitions and deals them into batches, so
 * that an epoch covers every transition exactly once and a batch is a pure function of (data,
 * episodes, seqLen, burnIn, batchSize, seed, step).
 *
 * <p>Epoch e: each episode i gets an offset o drawn uniformly from [0, seqLen) from a stream keyed
 * by (seed, e, i); its windows are [0, o), [o, o+L), [o+L, o+2L)... clipped to its length, empty
 * ones dropped. The offsets move window boundaries from epoch to epoch, so no transition is always
 * the first of a window. All windows of the epoch are shuffled with a stream keyed by (seed, e) and
 * dealt into batches of {@code batchSize}; the last batch is padded with mask-0 rows. Series rows
 * get their latents redrawn for the epoch ({@link Dataset#episodeForTraining}). The offset and
 * shuffle streams also carry a constant tag, so they never coincide with the redraw stream of
 * {@link Dataset#episodeForTraining}, which is keyed by (seed, epoch, episode) alone.
 *
 * <p>With a burn-in of {@code burnIn} steps, a window starting at transition s of its episode is
 * preceded in its row by transitions max(0, s - burnIn) .. s - 1 with mask 0: the LSTM runs through
 * them, so the window's first scored prediction has the context it has in a dream or in play, where
 * episodes run from their start. Rows are then {@code seqLen + burnIn} steps long; which
 * transitions an epoch scores, and in which batch, does not depend on the burn-in, and a burn-in of
 * 0 gives the batches of a plan without one.
 *
 * <p>Epochs may have different numbers of batches; step s lies in the epoch whose batches reach it.
 * {@link #batchAt(long)} caches the current epoch, so consecutive steps are cheap, and walks the
 * epochs' batch counts (offsets only, no data) when asked for a step far ahead, as when resuming
 * from a checkpoint.
 *
 * <p>Not thread-safe: one plan per training loop.
 */
public final class BatchPlan {
  private static final long OFFSET_KEY = 0x4f4646534554L; // "OFFSET"
  private static final long SHUFFLE_KEY = 0x53485546464cL; // "SHUFFL"

  private final Dataset data;
  private final int[] episodes;
  private final int seqLen;
  private final int burnIn;
  private final int batchSize;
  private final long seed;

  /** epochStarts.get(e) is the first global step of epoch e; grows as later steps are asked. */
  private final List<Long> epochStarts = new ArrayList<>(List.of(0L));

  private long cachedEpoch = -1;
  private Window[] cachedWindows;
  private final Map<Integer, Episode> sampled = new HashMap<>();
  private final Map<Long, Integer> batchCounts = new HashMap<>();

  /** A plan without burn-in. */
  public BatchPlan(Dataset data, int[] episodeIndices, int seqLen, int batchSize, long seed) {
    this(data, episodeIndices, seqLen, 0, batchSize, seed);
  }

  /**
   * @param data the dataset
   * @param episodeIndices the training episodes (dataset indices, no repeats)
   * @param seqLen scored transitions per window
   * @param burnIn earlier transitions fed unscored before each window, at most this many
   * @param batchSize windows per batch, B
   * @param seed seeds offsets, shuffles and series redraws
   */
  public BatchPlan(
      Dataset data, int[] episodeIndices, int seqLen, int burnIn, int batchSize, long seed) {
    this.data = data;
    this.episodes = episodeIndices.clone();
    this.seqLen = Check.positive("seqLen", seqLen);
    this.burnIn = Check.inRange("burnIn", burnIn, 0, Integer.MAX_VALUE - seqLen);
    this.batchSize = Check.positive("batchSize", batchSize);
    this.seed = seed;
    if (episodes.length == 0) {
      throw new IllegalArgumentException("a batch plan needs at least one training episode");
    }
    Set<Integer> seen = new HashSet<>();
    for (int e : episodes) {
      if (e < 0 || e >= data.size()) {
        throw new IllegalArgumentException(
            "episode index " + e + " is out of range; the dataset has " + data.size());
      }
      if (!seen.add(e)) {
        throw new IllegalArgumentException(
            "episode index " + e + " is listed twice; each episode may appear once");
      }
    }
    long cells = (long) rowLength() * batchSize;
    if (cells * Math.max(data.zSize(), data.actionSize()) > Integer.MAX_VALUE - 8) {
      // Fails now rather than at the first batch: Java arrays are indexed by int.
      throw new IllegalArgumentException(
          "seqLen + burnIn "
              + rowLength()
              + " x batchSize "
              + batchSize
              + " x width "
              + Math.max(data.zSize(), data.actionSize())
              + " is too many values for one array");
    }
  }

  /** The batch for global optimizer step {@code step} (0-based), in a new batch. */
  public Batch batchAt(long step) {
    return batchAt(step, null);
  }

  /**
   * The batch for global optimizer step {@code step}, written into {@code reuse} if it has the
   * right shape (else into a new batch, which is returned).
   */
  public Batch batchAt(long step, Batch reuse) {
    Check.inRange("step", step, 0, Long.MAX_VALUE);
    int epoch = epochOf(step);
    Window[] windows = windows(epoch);
    Batch b =
        reuse != null && reuse.hasShape(rowLength(), batchSize, data.zSize(), data.actionSize())
            ? reuse
            : new Batch(rowLength(), batchSize, data.zSize(), data.actionSize());
    b.clear();
    b.step = step;
    b.epoch = epoch;
    long first = (step - epochStarts.get(epoch)) * batchSize;
    for (int row = 0; row < batchSize; row++) {
      long w = first + row;
      if (w < windows.length) {
        fillRow(b, row, windows[(int) w], epoch);
      }
    }
    return b;
  }

  /** Number of batches in {@code epoch}. */
  public int batchesInEpoch(long epoch) {
    // Memoised: epochOf asks for the current epoch's count at every step, and each count draws an
    // offset for every episode (18% of a CartPole training step before this; same counts).
    return batchCounts.computeIfAbsent(epoch, this::countBatches);
  }

  private int countBatches(long epoch) {
    long windows = 0;
    for (int e : episodes) {
      windows += windowCount(data.length(e), offset(epoch, e));
    }
    return (int) ((windows + batchSize - 1) / batchSize);
  }

  /** The epoch that global step {@code step} falls in. */
  public int epochOf(long step) {
    while (true) {
      int last = epochStarts.size() - 1;
      long next = epochStarts.get(last) + batchesInEpoch(last);
      if (step < next) {
        break;
      }
      epochStarts.add(next);
    }
    int found = Collections.binarySearch(epochStarts, step);
    return found >= 0 ? found : -found - 2;
  }

  /** Scored transitions per window. */
  public int seqLen() {
    return seqLen;
  }

  /** Most unscored transitions fed before a window. */
  public int burnIn() {
    return burnIn;
  }

  /** Steps per batch row, {@code seqLen + burnIn}: the length of the graph that trains on it. */
  public int rowLength() {
    return seqLen + burnIn;
  }

  /** Windows per batch, B. */
  public int batchSize() {
    return batchSize;
  }

  /** The windows of {@code epoch} in batch order (cached for the latest epoch asked). */
  Window[] windows(long epoch) {
    if (epoch == cachedEpoch) {
      return cachedWindows;
    }
    List<Window> list = new ArrayList<>();
    for (int e : episodes) {
      int t = data.length(e);
      int o = offset(epoch, e);
      if (o > 0) {
        list.add(new Window(e, 0, Math.min(o, t)));
      }
      for (int s = o; s < t; s += seqLen) {
        list.add(new Window(e, s, Math.min(seqLen, t - s)));
      }
    }
    Window[] w = list.toArray(new Window[0]);
    SplittableRandom rng = Seeds.stream(seed, SHUFFLE_KEY, epoch);
    for (int i = w.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Window tmp = w[i];
      w[i] = w[j];
      w[j] = tmp;
    }
    cachedEpoch = epoch;
    cachedWindows = w;
    sampled.clear(); // redrawn series latents belong to one epoch
    return w;
  }

  private int offset(long epoch, int episode) {
    return Seeds.stream(seed, OFFSET_KEY, epoch, episode).nextInt(seqLen);
  }

  /** How many windows {@link #windows} makes of an episode of length t with offset o. */
  private int windowCount(int t, int o) {
    int head = o > 0 ? 1 : 0;
    return t > o ? head + (t - o + seqLen - 1) / seqLen : head;
  }

  private void fillRow(Batch b, int row, Window w, long epoch) {
    // Clipped at the episode's start: a window there has no earlier context to feed.
    int fed = Math.min(burnIn, w.start());
    b.copySteps(row, trainingEpisode(w.episode(), epoch), w.start(), w.length(), fed);
    b.rowEpisode[row] = w.episode();
  }

  private Episode trainingEpisode(int e, long epoch) {
    if (!data.isSeries(e)) {
      return data.episode(e);
    }
    // One draw per (epoch, episode), shared by all of the episode's windows in this epoch.
    return sampled.computeIfAbsent(e, k -> data.episodeForTraining(k, epoch, seed));
  }

  @Override
  public String toString() {
    return "BatchPlan["
        + episodes.length
        + " episodes, seqLen "
        + seqLen
        + ", burnIn "
        + burnIn
        + ", batchSize "
        + batchSize
        + ", seed "
        + seed
        + "]";
  }
}
