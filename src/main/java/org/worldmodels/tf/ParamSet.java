package org.worldmodels.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.worldmodels.io.NpyArray;

/**
 * An ordered set of named variables whose initial values come from Java arrays.
 *
 * <p>Initial values are graph constants: TensorFlow runs all initialisers together in no fixed
 * order, so none may read another variable, and values made in Java (from a seeded generator, or
 * loaded from a weight file) keep runs reproducible without any graph-level seed.
 */
public final class ParamSet {
  private final List<Param> params = new ArrayList<>();

  /** Creates a variable named {@code name} with the given shape and initial values. */
  public Param add(Ops tf, String name, int[] shape, float[] init) {
    Shape s = Shape.of(Arrays.stream(shape).asLongStream().toArray());
    if (s.size() != init.length) {
      throw new IllegalArgumentException(
          name + ": shape " + s + " needs " + s.size() + " values, got " + init.length);
    }
    for (Param p : params) {
      if (p.name().equals(name)) {
        throw new IllegalArgumentException("duplicate parameter name " + name);
      }
    }
    // Op names are left to TensorFlow (they may not contain '/'); the parameter name is ours.
    var v = tf.variable(tf.constant(s, DataBuffers.of(init, true, false)));
    Param p = new Param(name, s, v);
    params.add(p);
    return p;
  }

  /** The variables in creation order. */
  public List<Param> params() {
    return Collections.unmodifiableList(params);
  }

  /** Total number of scalars. */
  public long count() {
    long n = 0;
    for (Param p : params) {
      n += p.size();
    }
    return n;
  }

  /** Reads every variable's current value in one run, in creation order. */
  public Map<String, float[]> read(Session session) {
    Map<String, float[]> out = new LinkedHashMap<>();
    if (params.isEmpty()) {
      return out;
    }
    var runner = session.runner();
    for (Param p : params) {
      runner.fetch(p.variable());
    }
    try (Result r = runner.run()) {
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        float[] values = new float[p.size()];
        ((TFloat32) r.get(i)).copyTo(DataBuffers.of(values, false, false));
        out.put(p.name(), values);
      }
    }
    return out;
  }

  /** Reads every variable as arrays for a weight file. */
  public Map<String, NpyArray> readArrays(Session session) {
    Map<String, float[]> values = read(session);
    Map<String, NpyArray> out = new LinkedHashMap<>();
    for (Param p : params) {
      out.put(p.name(), NpyArray.ofFloats(values.get(p.name()), p.dims()));
    }
    return out;
  }
}
