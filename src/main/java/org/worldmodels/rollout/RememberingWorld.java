package org.worldmodels.rollout;

import java.util.Arrays;
import org.worldmodels.env.Space;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.util.Check;

/**
 * A world whose policies see the MDN-RNN's memory: World Models' "play" loop. Each slot starts with
 * {@code h_0 = c_0 = 0}; {@link #hidden()} is the LSTM state <em>before</em> {@code (z_t, a_t)} is
 * fed, and each step feeds {@code (z_t, a_t)} through the plain-Java cell (float32) to give {@code
 * h_{t+1}}. The MDN head's output is computed but not used: only {@code h} matters here.
 *
 * <pre>{@code
 * try (BatchedWorld world = new RememberingWorld(RealWorld.open(make, 1, encoder), cell)) {
 *   Rollouts.run(world, controller, EpisodePlan.play(seed, 0, 100, 500), sums, progress);
 * }
 * }</pre>
 *
 * <p>Owns the wrapped world and closes it. Steps allocate nothing beyond the wrapped world.
 */
public final class RememberingWorld implements BatchedWorld {
  private final BatchedWorld inner;
  private final MdnRnnCell memory;
  private final float[][] h;
  private final float[][] c;
  private final float[][] z;
  private final float[] y;
  private final MdnRnnCell.Workspace gates;

  /**
   * @param inner the world to remember, owned from this call on (closed here if refused)
   * @throws IllegalArgumentException if the cell's latent or action width differs from the world's
   */
  public RememberingWorld(BatchedWorld inner, MdnRnnCell memory) {
    Check.argument(inner != null && memory != null, "world and memory must not be null");
    var config = memory.config();
    if (config.zSize() != inner.zSize() || config.actionSize() != inner.actionSize()) {
      inner.close(); // owned from the call on: a refusal must not leak it
      throw new IllegalArgumentException(
          "the memory model takes z size "
              + config.zSize()
              + " and action size "
              + config.actionSize()
              + "; the world gives "
              + inner.zSize()
              + " and "
              + inner.actionSize());
    }
    this.inner = inner;
    this.memory = memory;
    int slots = inner.slots();
    this.h = new float[slots][config.hidden()];
    this.c = new float[slots][config.hidden()];
    this.z = new float[slots][];
    this.y = new float[config.outputSize()];
    this.gates = memory.newWorkspace();
  }

  @Override
  public int slots() {
    return inner.slots();
  }

  @Override
  public int zSize() {
    return inner.zSize();
  }

  @Override
  public Space actionSpace() {
    return inner.actionSpace();
  }

  @Override
  public float[] start(int slot, long seed) {
    z[slot] = inner.start(slot, seed);
    Arrays.fill(h[slot], 0f);
    Arrays.fill(c[slot], 0f);
    return z[slot];
  }

  /** The LSTM output of every slot before its next {@code (z, a)} is fed, [B][H]; read-only. */
  @Override
  public float[][] hidden() {
    return h;
  }

  @Override
  public WorldStep step(float[][] actions) {
    WorldStep r = inner.step(actions);
    for (int s = 0; s < actions.length; s++) {
      if (actions[s] != null) {
        memory.step(z[s], 0, actions[s], 0, h[s], c[s], 0, y, 0, gates); // h, c now h_{t+1}
        z[s] = r.z()[s];
      }
    }
    return r;
  }

  @Override
  public void close() {
    inner.close();
  }
}
