package org.worldmodels.env.render;

/**
 * Draws an environment's state as an {@code N x N} RGB frame, the way Gymnasium's {@code rgb_array}
 * render mode draws it, processed to the frame size (see {@link ScreenCanvas}).
 *
 * <pre>{@code
 * Renderer r = new CartPoleRenderer(64);
 * byte[] rgb = new byte[r.frameBytes()];       // 64 * 64 * 3
 * r.render(new float[] {0.5f, 0, 0.1f, 0}, rgb); // cart 0.5 m right of centre, pole 0.1 rad right
 * }</pre>
 *
 * <p>A renderer keeps a drawing surface, so one instance serves one thread; the same state always
 * gives the same bytes.
 */
public interface Renderer {

  /** Side N of the square frames. */
  int size();

  /** Bytes of one frame, {@code N * N * 3}. */
  default int frameBytes() {
    return size() * size() * 3;
  }

  /**
   * Draws the state into {@code rgb}.
   *
   * @param state the environment's vector observation (CartPole {@code [x, x_dot, theta,
   *     theta_dot]}, Pendulum {@code [cos theta, sin theta, theta_dot]})
   * @param rgb receives the frame, uint8 {@code [N, N, 3]} row-major, row 0 at the top
   * @throws IllegalArgumentException if either array has the wrong length or the state is not
   *     finite
   */
  void render(float[] state, byte[] rgb);
}
