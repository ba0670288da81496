package org.worldmodels.env;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.worldmodels.util.Seeds;

/**
 * The bookkeeping every {@link Env} shares, so that the concrete environments hold only their
 * dynamics: the seeded stream, the reset-before-step rule, action length checks, the time limit and
 * close.
 */
abstract class AbstractEnv implements Env {
  private RandomGenerator rng;
  private int elapsedSteps;
  private boolean running;
  private boolean closed;

  /** Starts the stream that {@link #reset()} uses until {@link #reset(long)} replaces it. */
  AbstractEnv(long seed) {
    this.rng = newStream(seed);
  }

  private static RandomGenerator newStream(long seed) {
    return new SplittableRandom(Seeds.mix(seed));
  }

  @Override
  public final float[] reset(long seed) {
    ensureOpen();
    rng = newStream(seed);
    return start();
  }

  @Override
  public final float[] reset() {
    ensureOpen();
    return start();
  }

  private float[] start() {
    elapsedSteps = 0;
    running = true;
    return resetState(rng);
  }

  @Override
  public final StepResult step(float[] action) {
    ensureOpen();
    if (!running) {
      throw new IllegalStateException(
          elapsedSteps == 0
              ? id() + ": call reset before step"
              : id() + ": the episode ended at step " + elapsedSteps + "; call reset before step");
    }
    actionSpace().requireDimension("action", action);
    StepResult inner = advance(action);
    elapsedSteps++;
    boolean truncated = elapsedSteps >= maxEpisodeSteps();
    if (inner.terminated() || truncated) {
      running = false;
    }
    return new StepResult(inner.observation(), inner.reward(), inner.terminated(), truncated);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(id() + " is closed");
    }
  }

  /** Every built-in environment names its observation's entries (no empty default). */
  @Override
  public abstract List<String> observationNames();

  /**
   * Draws a start state from {@code rng} and returns its observation.
   *
   * @param rng the environment's stream, just reseeded or continuing
   */
  abstract float[] resetState(RandomGenerator rng);

  /**
   * Applies an action whose length has been checked.
   *
   * @return the observation, reward and {@code terminated}; {@code truncated} is ignored, the time
   *     limit is applied here
   */
  abstract StepResult advance(float[] action);
}
