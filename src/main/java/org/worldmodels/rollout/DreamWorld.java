package org.worldmodels.rollout;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.DreamStep;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.env.Space;
import org.worldmodels.env.Spaces;
import org.worldmodels.util.Check;

/**
 * The dream as a {@link BatchedWorld}: slot {@code s} is row {@code s} of one {@link DreamEnv}.
 * Starting a slot with seed {@code k} resets its row as row id {@code k} (its sampling stream) from
 * the start latent of {@code k} ({@link InitialLatents#forEpisode(long, long) forEpisode(dream
 * seed, k)}), so an episode dreams the same in any slot of any batch. A step is {@code terminated}
 * when the done head says so; {@link #hidden()} is the LSTM output before {@code (z_t, a_t)} is
 * fed. Idle rows are fed zeros and ignored. With a context ({@link InitialLatents#context()} {@code
 * K > 0}) a start is {@code z[K]} of a recorded episode, and its row is first conditioned on the
 * recorded steps {@code 0..K-1} ({@link DreamEnv#condition}); the episode holds the dreamed steps
 * only.
 *
 * <pre>{@code
 * try (DreamWorld world = DreamWorld.open(model::dreamEnv, options, 256, spec.action(), starts)) {
 *   Rollouts.run(world, policy, EpisodePlan.dream(seed, 1000, 500), sink, progress);
 * }
 * }</pre>
 *
 * <p>Owns the dream and closes it. Starts are reset in one call before the next step, so starting a
 * whole batch costs one reset.
 */
public final class DreamWorld implements BatchedWorld {
  private final DreamEnv dream;
  private final Space actionSpace;
  private final LongFunction<InitialLatents.Start> starts;
  private final boolean endOnDone;
  private final int slots;
  private final float[][] current;
  private final float[][] zIn;
  private final float[][] aIn;
  private final float[] zeroZ;
  private final float[] zeroA;
  private final WorldStep out;
  private final int[] pendingRows;
  private final long[] pendingIds;
  private final float[][] pendingZ;
  private final float[][][] pendingZPrefix;
  private final float[][][] pendingAPrefix;
  private boolean conditioned;
  private int pending;
  private boolean closed;

  /**
   * @param dream the dream, owned from now on
   * @param action the model's action space
   * @param starts row id to start latent, shape [Z]
   * @param endOnDone whether the done head ends episodes; false for a replay that must run as long
   *     as its recorded actions
   * @throws IllegalArgumentException if the action space's width differs from the dream's
   */
  public DreamWorld(
      DreamEnv dream, ActionSpec action, LongFunction<float[]> starts, boolean endOnDone) {
    this(dream, action, endOnDone, starts == null ? null : id -> unconditioned(starts.apply(id)));
  }

  private static final float[][] NO_STEPS = new float[0][];

  private static InitialLatents.Start unconditioned(float[] z) {
    return new InitialLatents.Start(NO_STEPS, NO_STEPS, z);
  }

  private DreamWorld(
      DreamEnv dream,
      ActionSpec action,
      boolean endOnDone,
      LongFunction<InitialLatents.Start> starts) {
    Check.argument(dream != null && action != null && starts != null, "arguments must be given");
    Check.argument(
        action.size() == dream.actionSize(),
        "action space "
            + action
            + " has width "
            + action.size()
            + "; the dream takes "
            + dream.actionSize());
    this.dream = dream;
    this.actionSpace = Spaces.space(action);
    this.starts = starts;
    this.endOnDone = endOnDone;
    this.slots = dream.batchSize();
    this.current = new float[slots][];
    this.zIn = new float[slots][];
    this.aIn = new float[slots][];
    this.zeroZ = new float[dream.zSize()];
    this.zeroA = new float[dream.actionSize()];
    this.out = new WorldStep(slots);
    this.pendingRows = new int[slots];
    this.pendingIds = new long[slots];
    this.pendingZ = new float[slots][];
    this.pendingZPrefix = new float[slots][][];
    this.pendingAPrefix = new float[slots][][];
  }

  /**
   * Opens a dream of {@code slots} rows with {@code options} (its batch size replaced) whose
   * episodes start from {@code starts}, keyed by ({@code options.seed()}, row id), after their
   * context if {@code starts} has one.
   *
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @throws IllegalArgumentException if the starts' latent width differs from the model's; nothing
   *     stays open
   */
  public static DreamWorld open(
      Function<DreamOptions, DreamEnv> dreams,
      DreamOptions options,
      int slots,
      ActionSpec action,
      InitialLatents starts) {
    Check.positive("slots", slots);
    long seed = options.seed();
    DreamEnv dream = dreams.apply(options.toBuilder().batchSize(slots).build());
    try {
      Check.argument(
          starts.zSize() == dream.zSize(),
          "initial latents have size " + starts.zSize() + "; the model expects " + dream.zSize());
      return new DreamWorld(dream, action, true, id -> starts.start(seed, id));
    } catch (RuntimeException e) {
      dream.close();
      throw e;
    }
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public int zSize() {
    return dream.zSize();
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public float[] start(int slot, long seed) {
    Check.state(!closed, "DreamWorld is closed");
    Check.inRange("slot", slot, 0, slots - 1);
    InitialLatents.Start start = starts.apply(seed);
    float[] z0 = start.z();
    current[slot] = z0;
    pendingRows[pending] = slot;
    pendingIds[pending] = seed;
    pendingZ[pending] = z0;
    pendingZPrefix[pending] = start.zPrefix();
    pendingAPrefix[pending] = start.aPrefix();
    conditioned |= start.zPrefix().length > 0;
    pending++;
    if (pending == slots) {
      flush(); // every row restarted: nothing more can queue
    }
    return z0;
  }

  /** Resets the rows started since the last step in one call. */
  private void flush() {
    if (pending == 0) {
      return;
    }
    int[] rows = pending == slots ? pendingRows : Arrays.copyOf(pendingRows, pending);
    long[] ids = pending == slots ? pendingIds : Arrays.copyOf(pendingIds, pending);
    if (conditioned) {
      dream.condition(
          rows,
          ids,
          Arrays.copyOf(pendingZPrefix, pending),
          Arrays.copyOf(pendingAPrefix, pending));
    } else {
      dream.reset(rows, ids, pending == slots ? pendingZ : Arrays.copyOf(pendingZ, pending));
    }
    Arrays.fill(pendingZPrefix, null); // let the prefixes go
    Arrays.fill(pendingAPrefix, null);
    conditioned = false;
    pending = 0;
  }

  @Override
  public float[][] hidden() {
    flush();
    return dream.hidden();
  }

  @Override
  public WorldStep step(float[][] actions) {
    flush();
    for (int s = 0; s < slots; s++) {
      boolean active = actions[s] != null;
      zIn[s] = active ? current[s] : zeroZ;
      aIn[s] = active ? actions[s] : zeroA;
    }
    DreamStep d = dream.step(zIn, aIn);
    for (int s = 0; s < slots; s++) {
      if (actions[s] != null) {
        current[s] = d.z()[s];
        out.set(s, d.z()[s], d.reward()[s], endOnDone && d.done()[s], false);
      }
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    dream.close();
  }
}
