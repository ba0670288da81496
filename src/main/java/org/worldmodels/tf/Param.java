package org.worldmodels.tf;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A named float32 graph variable (a ref {@code VariableV2}, which {@code Session.save} and our own
 * weight files both handle).
 *
 * @param name the key in weight files, e.g. {@code lstm/kernel}
 * @param shape the variable's shape
 * @param variable the graph variable
 */
public record Param(String name, Shape shape, Variable<TFloat32> variable) {
  /** Number of elements. */
  public int size() {
    return (int) shape.size();
  }

  /** The shape as an int array, for weight files. */
  public int[] dims() {
    int[] d = new int[shape.numDimensions()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) shape.get(i);
    }
    return d;
  }
}
