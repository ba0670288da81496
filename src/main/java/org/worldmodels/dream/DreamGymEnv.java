package org.worldmodels.dream;

import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.env.Box;
import org.worldmodels.env.Discrete;
import org.worldmodels.env.Env;
import org.worldmodels.env.Space;
import org.worldmodels.env.StepResult;
import org.worldmodels.util.Check;

/**
 * The dream wrapped as a Gymnasium-style {@link Env}, so a policy written for a real environment
 * runs in the dream unchanged: {@code reset(seed)} draws a recorded start and returns it; {@code
 * step(action)} returns the dreamed next latent, the predicted reward, {@code terminated} from the
 * done head and {@code truncated} at the step limit.
 *
 * <p>{@code reset(seed)} makes the episode depend on the seed alone (row id = seed); {@code
 * reset()} moves on to the next episode of the same seed sequence.
 */
public final class DreamGymEnv implements Env {
  private final DreamEnv dream;
  private final InitialLatents starts;
  private final Space actionSpace;
  private final Space observationSpace;
  private final int maxSteps;
  private final long seed;
  private final String id;
  private long episode = -1;
  private float[] z;
  private int t;
  private boolean ended = true;
  private boolean closed;

  /**
   * @param options dream options; the batch size is forced to 1
   * @param maxSteps time limit of an episode
   */
  public DreamGymEnv(WorldModel model, InitialLatents starts, DreamOptions options, int maxSteps) {
    this.dream = model.dreamEnv(options.toBuilder().batchSize(1).build());
    this.starts = starts;
    this.maxSteps = Check.positive("max steps", maxSteps);
    this.seed = options.seed();
    this.id = "dream:" + model.directory();
    ActionSpec a = model.spec().action();
    if (a instanceof ActionSpec.Discrete d) {
      actionSpace = new Discrete(d.n());
    } else {
      ActionSpec.Box b = (ActionSpec.Box) a;
      float[] lo = new float[b.size()];
      float[] hi = new float[b.size()];
      for (int i = 0; i < lo.length; i++) {
        lo[i] = (float) b.low()[i];
        hi[i] = (float) b.high()[i];
      }
      actionSpace = new Box(lo, hi);
    }
    observationSpace = Box.uniform(model.config().zSize(), -Float.MAX_VALUE, Float.MAX_VALUE);
  }

  @Override
  public float[] reset(long episodeSeed) {
    Check.state(!closed, "DreamGymEnv is closed");
    episode = episodeSeed;
    return start();
  }

  @Override
  public float[] reset() {
    Check.state(!closed, "DreamGymEnv is closed");
    episode++;
    return start();
  }

  private float[] start() {
    z = starts.forEpisode(seed, episode);
    dream.reset(new int[] {0}, new long[] {episode}, new float[][] {z});
    t = 0;
    ended = false;
    return z.clone();
  }

  @Override
  public StepResult step(float[] action) {
    Check.state(!closed, "DreamGymEnv is closed");
    Check.state(!ended, "call reset before step");
    actionSpace.requireDimension("action", action);
    DreamStep s = dream.step(new float[][] {z}, new float[][] {action});
    z = s.z()[0];
    t++;
    boolean terminated = s.done()[0];
    boolean truncated = t >= maxSteps;
    ended = terminated || truncated;
    return new StepResult(z.clone(), s.reward()[0], terminated, truncated);
  }

  /** The LSTM output before the next step (a controller's {@code h}). */
  public float[] hidden() {
    return dream.hidden()[0];
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public int maxEpisodeSteps() {
    return maxSteps;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      dream.close();
    }
  }
}
