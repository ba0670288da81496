package org.worldmodels.env;

import java.util.random.RandomGenerator;

/**
 * The set of valid observations or actions of an environment, always handled as flat float arrays
 * of length {@link #dimension()}.
 *
 * <p>A {@link Box} is a continuous hyper-rectangle with a {@link #shape()}: a state vector has
 * shape {@code [D]}, a frame {@code [H, W, 3]} (flattened row-major, so entry {@code (y, x, c)} is
 * at {@code (y * W + x) * 3 + c}). A {@link Discrete} space of {@code n} actions is represented
 * everywhere in this project (episode files, {@link Env}, policies, dreamed environments,
 * controllers) as a one-hot vector of length {@code n} indexed by the action number, so its
 * dimension is {@code n} and its shape {@code [n]}.
 *
 * <pre>{@code
 * new Box(new float[] {-1, -1}, new float[] {1, 1}).shape();  // [2]
 * Box.uniform(new int[] {64, 64, 3}, 0, 255).dimension();     // 12288
 * new Discrete(2).shape();                                    // [2]
 * }</pre>
 */
public sealed interface Space permits Box, Discrete {

  /** Length of every flat array in this space: the product of {@link #shape()}. */
  int dimension();

  /**
   * The shape of an element, outermost axis first; a fresh array. A vector has one axis, a frame
   * {@code [H, W, 3]} three.
   */
  int[] shape();

  /**
   * Draws a uniformly distributed element: uniform in {@code [low, high]} for a box, a uniform
   * one-hot vector for a discrete space.
   *
   * @param rng the caller's stream; the space itself holds no randomness
   * @return a fresh array of length {@link #dimension()}
   */
  float[] sample(RandomGenerator rng);

  /** Whether {@code x} is an element of this space (right length, within bounds). */
  boolean contains(float[] x);

  /**
   * Returns {@code x} if its length is {@link #dimension()}.
   *
   * @param what how the caller calls the vector in the message, e.g. "action"
   * @throws IllegalArgumentException naming this space and both lengths otherwise
   */
  default float[] requireDimension(String what, float[] x) {
    if (x == null) {
      throw new IllegalArgumentException(
          what + " must not be null, expected length " + dimension() + " for " + this);
    }
    if (x.length != dimension()) {
      throw new IllegalArgumentException(
          what
              + " must have length "
              + dimension()
              + " for "
              + this
              + ", found length "
              + x.length);
    }
    return x;
  }
}
