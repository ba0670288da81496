package org.worldmodels.control;

import org.worldmodels.rollout.Policy;

/**
 * Chooses an action from the world model's view of the present: {@code a_t = C([z_t, h_t])}, with
 * {@code h_t} the MDN-RNN's LSTM output before {@code (z_t, a_t)} is fed, in the dream and in the
 * real environment alike (ARCHITECTURE.md, "Public agent API").
 *
 * <p>A controller is a fixed function of a flat parameter vector, the vector CMA-ES searches; its
 * {@link ControllerSpec} says how the vector is laid out. Build one with {@link
 * ControllerSpec#create(double[])}.
 *
 * <pre>{@code
 * ControllerSpec spec = ControllerSpec.linear(32, 256, new ActionSpec.Discrete(2));
 * Controller c = spec.create(new double[spec.parameterCount()]); // 2 * (32 + 256) + 2 = 578
 * float[] a = c.act(z, h);                                       // one-hot, shape [2]
 * }</pre>
 *
 * <p>A controller is a {@link Policy} that acts the same in every slot, so the rollout engine runs
 * it in the dream and in real environments alike.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Controller extends Policy {

  /**
   * The action for latent {@code z} and LSTM state {@code h}: one-hot for a discrete action space,
   * inside {@code [low, high]} for a box.
   *
   * @param z shape [Z]; read during the call only (callers reuse the array)
   * @param h shape [H]; read during the call only (the caller advances it in place)
   * @return a fresh array of shape [A]
   * @throws IllegalArgumentException if a length differs from the spec
   */
  float[] act(float[] z, float[] h);

  /** {@link #act(float[], float[])}: a controller has no per-slot state. */
  @Override
  default float[] act(int slot, float[] z, float[] h) {
    return act(z, h);
  }

  /** What the controller reads, what it outputs and how its parameters are laid out. */
  ControllerSpec spec();

  /** Length of {@link #parameters()}. */
  default int parameterCount() {
    return spec().parameterCount();
  }

  /** A copy of the flat parameter vector, in the layout of the spec. */
  double[] parameters();
}
