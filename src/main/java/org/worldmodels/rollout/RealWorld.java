package org.worldmodels.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.worldmodels.data.DataSpec;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Env;
import org.worldmodels.env.PixelEnv;
import org.worldmodels.env.Space;
import org.worldmodels.env.Spaces;
import org.worldmodels.env.StepResult;
import org.worldmodels.util.Check;

/**
 * Real environments as a {@link BatchedWorld}: one {@link Env} per slot, observations turned into
 * latents by an {@link Encoder}. Starting a slot resets its environment with the episode's seed; an
 * episode ends when the environment says {@code terminated} or {@code truncated}. There is no
 * memory ({@link #hidden()} has width 0); wrap the world in a {@link RememberingWorld} for one.
 *
 * <pre>{@code
 * try (RealWorld world = RealWorld.open(() -> Envs.make("cartpole"), 4, IdentityEncoder.INSTANCE)) {
 *   Rollouts.run(world, new RandomPolicy(world.actionSpace()), plan, sink, Progress.NONE);
 * }
 * }</pre>
 *
 * <p>In pixel environments ({@link org.worldmodels.env.PixelEnv}) the world also shows each slot's
 * current {@link #frame} and {@link #state}, which {@link EpisodeWriter#withFramesOf} records.
 *
 * <p>Ownership: environments made by {@link #open} are closed with the world; environments handed
 * to the constructor stay the caller's. The encoder is never closed by the world: its owner closes
 * it.
 */
public final class RealWorld implements BatchedWorld {
  private final List<Env> envs;
  private final Encoder encoder;
  private final boolean ownsEnvs;
  private final WorldStep out;
  private final float[][] noMemory;
  private boolean closed;

  /** A world over the caller's environments (one per slot, all alike); it does not close them. */
  public RealWorld(List<Env> envs, Encoder encoder) {
    this(envs, encoder, false);
  }

  private RealWorld(List<Env> envs, Encoder encoder, boolean ownsEnvs) {
    Check.argument(envs != null && !envs.isEmpty(), "a real world needs at least one env");
    Check.argument(encoder != null, "encoder must not be null");
    Env first = envs.get(0);
    for (Env e : envs) {
      Check.argument(
          e.id().equals(first.id()) && e.actionSpace().equals(first.actionSpace()),
          "the envs of one world must be alike: " + first.id() + " and " + e.id());
    }
    this.envs = List.copyOf(envs);
    this.encoder = encoder;
    this.ownsEnvs = ownsEnvs;
    this.out = new WorldStep(envs.size());
    this.noMemory = new float[envs.size()][0];
  }

  /**
   * A world of {@code slots} environments made by {@code make}, closed with the world (and at once
   * if a later one fails to open).
   */
  public static RealWorld open(Supplier<Env> make, int slots, Encoder encoder) {
    Check.positive("slots", slots);
    List<Env> made = new ArrayList<>(slots);
    try {
      for (int s = 0; s < slots; s++) {
        made.add(make.get());
      }
      return new RealWorld(made, encoder, true);
    } catch (RuntimeException e) {
      made.forEach(Env::close);
      throw e;
    }
  }

  /**
   * The {@code spec.json} of what this world records: latent width, the environments' action space,
   * time limit and id.
   */
  public DataSpec spec() {
    Env e = envs.get(0);
    int zSize = encoder.zSize(e.observationSpace());
    if (e instanceof PixelEnv p) {
      int n = p.frameSize();
      DataSpec frames =
          DataSpec.frames(n, n, Spaces.actionSpec(e.actionSpace()), e.maxEpisodeSteps(), e.id());
      return zSize == 0
          ? frames
          : new DataSpec(
              zSize,
              frames.action(),
              frames.maxEpisodeSteps(),
              frames.env(),
              encoder.spec(),
              frames.observation());
    }
    return new DataSpec(
        zSize, Spaces.actionSpec(e.actionSpace()), e.maxEpisodeSteps(), e.id(), encoder.spec());
  }

  /**
   * Whether the environments observe frames ({@link PixelEnv}), so that {@link #frame} and {@link
   * #state} are available and recorded episodes keep them.
   */
  public boolean hasFrames() {
    return envs.get(0) instanceof PixelEnv;
  }

  /**
   * The frame slot {@code slot}'s environment shows now (after the last {@link #start} or {@link
   * #step} of the slot), uint8 {@code [N, N, 3]}; a fresh array.
   *
   * @throws IllegalStateException if the environments do not observe frames
   */
  public byte[] frame(int slot) {
    return pixels(slot).frame();
  }

  /**
   * The vector observation behind {@link #frame}: the wrapped environment's state, for plots; a
   * fresh array.
   *
   * @throws IllegalStateException if the environments do not observe frames
   */
  public float[] state(int slot) {
    return pixels(slot).state();
  }

  /** Side N of the frames. */
  int frameSize() {
    return pixels(0).frameSize();
  }

  private PixelEnv pixels(int slot) {
    ensureOpen();
    Check.state(hasFrames(), envs.get(0).id() + " observes no frames");
    return (PixelEnv) envs.get(slot);
  }

  /** The environments' time limit. */
  public int maxEpisodeSteps() {
    return envs.get(0).maxEpisodeSteps();
  }

  @Override
  public int slots() {
    return envs.size();
  }

  @Override
  public int zSize() {
    return encoder.zSize(envs.get(0).observationSpace());
  }

  @Override
  public Space actionSpace() {
    return envs.get(0).actionSpace();
  }

  @Override
  public float[] start(int slot, long seed) {
    ensureOpen();
    return encoder.encode(envs.get(slot).reset(seed));
  }

  @Override
  public float[][] hidden() {
    return noMemory;
  }

  @Override
  public WorldStep step(float[][] actions) {
    ensureOpen();
    for (int s = 0; s < envs.size(); s++) {
      if (actions[s] != null) {
        StepResult r = envs.get(s).step(actions[s]);
        out.set(s, encoder.encode(r.observation()), r.reward(), r.terminated(), r.truncated());
      }
    }
    return out;
  }

  private void ensureOpen() {
    Check.state(!closed, "RealWorld is closed");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (ownsEnvs) {
        envs.forEach(Env::close);
      }
    }
  }
}
