package org.worldmodels.env;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.worldmodels.util.Seeds;

/**
 * The bookkeeping every {@link Env} shares, so that the concrete environments hold only their
 * dynamics: what the environment is ({@link Shape}: id, spaces, observation names, time limit), the
 * seeded stream, the reset-before-step rule, action length checks, the time limit and close.
 */
abstract class AbstractEnv implements Env {
  /**
   * What an environment is, apart from its dynamics.
   *
   * @param id the name {@link Envs#make} takes
   * @param observationSpace where observations live
   * @param observationNames one name per observation entry, for plots and help texts
   * @param actionSpace where actions live
   * @param maxEpisodeSteps the time limit
   */
  record Shape(
      String id,
      Space observationSpace,
      List<String> observationNames,
      Space actionSpace,
      int maxEpisodeSteps) {
    Shape {
      observationNames = List.copyOf(observationNames);
      if (observationNames.size() != observationSpace.dimension()) {
        throw new IllegalArgumentException(
            id
                + ": "
                + observationNames.size()
                + " observation names for "
                + observationSpace.dimension()
                + " entries");
      }
    }
  }

  private final Shape shape;
  private RandomGenerator rng;
  private int elapsedSteps;
  private boolean running;
  private boolean closed;

  /** Starts the stream that {@link #reset()} uses until {@link #reset(long)} replaces it. */
  AbstractEnv(Shape shape, long seed) {
    this.shape = shape;
    this.rng = newStream(seed);
  }

  @Override
  public final Space observationSpace() {
    return shape.observationSpace();
  }

  @Override
  public final List<String> observationNames() {
    return shape.observationNames();
  }

  @Override
  public final Space actionSpace() {
    return shape.actionSpace();
  }

  @Override
  public final int maxEpisodeSteps() {
    return shape.maxEpisodeSteps();
  }

  @Override
  public final String id() {
    return shape.id();
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
