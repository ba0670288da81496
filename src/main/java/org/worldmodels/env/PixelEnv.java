package org.worldmodels.env;

import java.util.List;
import org.worldmodels.data.Frames;
import org.worldmodels.env.render.CartPoleRenderer;
import org.worldmodels.env.render.PendulumRenderer;
import org.worldmodels.env.render.Renderer;

/**
 * A state-vector environment seen through its frames: the same dynamics, seeds, actions, rewards
 * and episode ends as the environment it wraps, but the observation is the rendered {@code N x N}
 * RGB frame (ARCHITECTURE.md, "Pixels and the vision model V"). {@code cartpole-pixels} wraps
 * CartPole-v1 ({@link CartPoleRenderer}), {@code pendulum-pixels} Pendulum-v1 ({@link
 * PendulumRenderer}).
 *
 * <p><b>Observation.</b> A flat float array of the frame, shape {@code [N, N, 3]} row-major with
 * row 0 at the top, values in [0, 1]: byte {@code b} becomes {@link Frames#unit(byte) b / 255}, the
 * same conversion a vision model applies to the uint8 {@code frames} of episode files, so an
 * encoder sees the same numbers live and from disk. The bytes themselves are {@link #frame()}, and
 * the wrapped environment's vector observation, which drew it, is {@link #state()} (what episode
 * files keep as {@code state}, for plots only).
 *
 * <pre>{@code
 * try (PixelEnv env = PixelEnv.cartPole(0, 64)) {
 *   float[] obs = env.reset(7);   // 64 * 64 * 3 values in [0, 1]
 *   byte[] rgb = env.frame();     // the same frame as uint8
 *   float[] s = env.state();      // [x, x_dot, theta, theta_dot], as cartpole.reset(7) gives
 * }
 * }</pre>
 */
public final class PixelEnv implements Env {
  /** The id of CartPole-v1 from frames. */
  public static final String CARTPOLE_ID = CartPoleEnv.ID + "-pixels";

  /** The id of Pendulum-v1 from frames. */
  public static final String PENDULUM_ID = PendulumEnv.ID + "-pixels";

  /** Side N of the frames unless chosen: World Models' 64. */
  public static final int DEFAULT_FRAME_SIZE = 64;

  /** Smallest frame side accepted. */
  public static final int MIN_FRAME_SIZE = 8;

  /** Largest frame side accepted. */
  public static final int MAX_FRAME_SIZE = 512;

  private final String id;
  private final Env inner;
  private final Renderer renderer;
  private final Box observationSpace;
  private final byte[] frame;
  private float[] state;
  private boolean closed;

  private PixelEnv(String id, Env inner, Renderer renderer) {
    this.id = id;
    this.inner = inner;
    this.renderer = renderer;
    int n = renderer.size();
    this.observationSpace = Box.uniform(new int[] {n, n, Frames.CHANNELS}, 0, 1);
    this.frame = new byte[renderer.frameBytes()];
  }

  /**
   * CartPole-v1 from {@code frameSize x frameSize} frames, whose {@link #reset()} stream starts
   * from {@code seed} as {@code new CartPoleEnv(seed)}'s does.
   *
   * @throws IllegalArgumentException if {@code frameSize} is outside [{@value #MIN_FRAME_SIZE},
   *     {@value #MAX_FRAME_SIZE}]
   */
  public static PixelEnv cartPole(long seed, int frameSize) {
    checkFrameSize(frameSize);
    return new PixelEnv(CARTPOLE_ID, new CartPoleEnv(seed), new CartPoleRenderer(frameSize));
  }

  /** Pendulum-v1 from {@code frameSize x frameSize} frames; see {@link #cartPole}. */
  public static PixelEnv pendulum(long seed, int frameSize) {
    checkFrameSize(frameSize);
    return new PixelEnv(PENDULUM_ID, new PendulumEnv(seed), new PendulumRenderer(frameSize));
  }

  /**
   * Returns {@code frameSize} if it is in [{@value #MIN_FRAME_SIZE}, {@value #MAX_FRAME_SIZE}].
   *
   * @throws IllegalArgumentException naming the value and the range otherwise
   */
  public static int checkFrameSize(int frameSize) {
    if (frameSize < MIN_FRAME_SIZE || frameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "frame size must be in ["
              + MIN_FRAME_SIZE
              + ", "
              + MAX_FRAME_SIZE
              + "], got "
              + frameSize);
    }
    return frameSize;
  }

  @Override
  public float[] reset(long seed) {
    ensureOpen();
    return show(inner.reset(seed));
  }

  @Override
  public float[] reset() {
    ensureOpen();
    return show(inner.reset());
  }

  @Override
  public StepResult step(float[] action) {
    ensureOpen();
    if (state == null) {
      // The wrapped env would say the same under its own id.
      throw new IllegalStateException(id + ": call reset before step");
    }
    StepResult r = inner.step(action);
    return new StepResult(show(r.observation()), r.reward(), r.terminated(), r.truncated());
  }

  /** Draws {@code observation} and returns the frame as values in [0, 1]. */
  private float[] show(float[] observation) {
    state = observation;
    renderer.render(observation, frame);
    float[] unit = new float[frame.length];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = Frames.unit(frame[i]);
    }
    return unit;
  }

  /**
   * The current frame, uint8 {@code [N, N, 3]} row-major, row 0 at the top; a fresh array.
   *
   * @throws IllegalStateException before the first reset
   */
  public byte[] frame() {
    requireStarted();
    return frame.clone();
  }

  /**
   * The wrapped environment's current vector observation (the state the frame shows); a fresh
   * array.
   *
   * @throws IllegalStateException before the first reset
   */
  public float[] state() {
    requireStarted();
    return state.clone();
  }

  private void requireStarted() {
    if (state == null) {
      throw new IllegalStateException(id + ": no frame before the first reset");
    }
  }

  /** Side N of the frames. */
  public int frameSize() {
    return renderer.size();
  }

  /** The space of {@link #state()}: the wrapped environment's observation space. */
  public Space stateSpace() {
    return inner.observationSpace();
  }

  /** The names of the entries of {@link #state()}, e.g. {@code x, x_dot, theta, theta_dot}. */
  public List<String> stateNames() {
    return inner.observationNames();
  }

  /** Frames, shape {@code [N, N, 3]}, values in [0, 1]. */
  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return inner.actionSpace();
  }

  @Override
  public int maxEpisodeSteps() {
    return inner.maxEpisodeSteps();
  }

  @Override
  public String id() {
    return id;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(id + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    inner.close();
  }
}
