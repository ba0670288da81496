package org.worldmodels.dream;

import java.util.function.Function;
import org.worldmodels.data.DataSpec;
import org.worldmodels.env.Box;
import org.worldmodels.env.Env;
import org.worldmodels.env.Space;
import org.worldmodels.env.Spaces;
import org.worldmodels.env.StepResult;
import org.worldmodels.util.Check;

/**
 * The dream wrapped as a Gymnasium-style {@link Env}, so code written for a real environment runs
 * in the dream unchanged: {@code reset(seed)} draws a recorded start and returns it; {@code
 * step(action)} returns the dreamed next latent, the predicted reward, {@code terminated} from the
 * done head and {@code truncated} at the step limit.
 *
 * <pre>{@code
 * try (WorldModel m = WorldModel.load(dir);
 *     DreamGymEnv env = new DreamGymEnv(m::dreamEnv, m.spec(), starts, options, 500)) {
 *   float[] z = env.reset(7);
 * }
 * }</pre>
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
   * Checks the arguments, then opens the dream (so a refused argument leaves nothing open).
   *
   * @param dreams opens a dream for the given options (a {@code WorldModel::dreamEnv})
   * @param spec the model's data spec: latent width, action space and environment name
   * @param starts where episodes start; with a context, each reset first conditions the dream on
   *     the start's recorded prefix
   * @param options dream options; the batch size is forced to 1
   * @param maxSteps time limit of an episode
   * @throws IllegalArgumentException for a time limit below 1, or starts or a dream whose widths
   *     differ from the spec
   */
  public DreamGymEnv(
      Function<DreamOptions, DreamEnv> dreams,
      DataSpec spec,
      InitialLatents starts,
      DreamOptions options,
      int maxSteps) {
    Check.argument(
        dreams != null && spec != null && starts != null && options != null,
        "dreams, spec, starts and options must be given");
    this.maxSteps = Check.positive("max steps", maxSteps);
    Check.argument(
        starts.zSize() == spec.zSize(),
        "initial latents have size " + starts.zSize() + "; the model expects " + spec.zSize());
    this.starts = starts;
    this.seed = options.seed();
    this.id = "dream:" + (spec.env() != null ? spec.env() : "model");
    this.actionSpace = Spaces.space(spec.action());
    this.observationSpace = Box.uniform(spec.zSize(), -Float.MAX_VALUE, Float.MAX_VALUE);
    DreamEnv opened = dreams.apply(options.toBuilder().batchSize(1).build());
    if (opened.zSize() != spec.zSize() || opened.actionSize() != spec.actionSize()) {
      opened.close();
      throw new IllegalArgumentException(
          "the dream takes z size "
              + opened.zSize()
              + " and action size "
              + opened.actionSize()
              + "; the spec says "
              + spec.zSize()
              + " and "
              + spec.actionSize());
    }
    this.dream = opened; // opened last: nothing above can leak it
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
    // With a context the row is first fed the start's recorded prefix (none at context 0).
    InitialLatents.Start s = starts.start(seed, episode);
    z = s.z();
    dream.condition(
        new int[] {0},
        new long[] {episode},
        new float[][][] {s.zPrefix()},
        new float[][][] {s.aPrefix()});
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
