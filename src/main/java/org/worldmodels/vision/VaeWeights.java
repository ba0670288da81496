package org.worldmodels.vision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;

/**
 * The ConvVAE's weights by name, in layer order, with shapes given by a {@link VaeConfig}.
 *
 * <p>Names: {@code encoder/conv<i>/kernel} {@code [4, 4, in, out]} and {@code .../bias}, {@code
 * encoder/mu/kernel} and {@code encoder/logvar/kernel} {@code [flat, Z]} with their biases, {@code
 * decoder/dense/kernel} {@code [Z, D]} and bias, {@code decoder/deconv<i>/kernel} {@code [k, k,
 * out, in]} (TensorFlow's layout for a transposed convolution) and bias; {@code i} from 1. Kernels
 * of TensorFlow's convolutions are {@code [height, width, in, out]} over NHWC frames.
 */
public final class VaeWeights {
  private final Map<String, float[]> values;

  private VaeWeights(Map<String, float[]> values) {
    this.values = values;
  }

  /** Every weight's name and shape, in layer order. */
  public static Map<String, int[]> shapes(VaeConfig c) {
    Map<String, int[]> s = new LinkedHashMap<>();
    int k = VaeConfig.ENCODER_KERNEL;
    int in = VaeConfig.CHANNELS;
    for (int i = 0; i < c.encoderFilters().size(); i++) {
      int f = c.encoderFilters().get(i);
      s.put(encoderConv(i) + "/kernel", new int[] {k, k, in, f});
      s.put(encoderConv(i) + "/bias", new int[] {f});
      in = f;
    }
    for (String head : new String[] {"encoder/mu", "encoder/logvar"}) {
      s.put(head + "/kernel", new int[] {c.encoderFlat(), c.zSize()});
      s.put(head + "/bias", new int[] {c.zSize()});
    }
    s.put("decoder/dense/kernel", new int[] {c.zSize(), c.decoderDense()});
    s.put("decoder/dense/bias", new int[] {c.decoderDense()});
    in = c.decoderDense();
    for (int i = 0; i < c.decoderKernels().size(); i++) {
      int kk = c.decoderKernels().get(i);
      int f = c.decoderFiltersAt(i);
      s.put(decoderConv(i) + "/kernel", new int[] {kk, kk, f, in});
      s.put(decoderConv(i) + "/bias", new int[] {f});
      in = f;
    }
    return s;
  }

  static String encoderConv(int i) {
    return "encoder/conv" + (i + 1);
  }

  static String decoderConv(int i) {
    return "decoder/deconv" + (i + 1);
  }

  /**
   * Fresh weights: kernels Glorot-uniform (Keras' default, fan-in and fan-out counting the kernel's
   * window), biases zero, drawn from {@code rng} in name order.
   */
  public static VaeWeights initial(VaeConfig c, RandomGenerator rng) {
    Map<String, float[]> v = new LinkedHashMap<>();
    for (var e : shapes(c).entrySet()) {
      int[] d = e.getValue();
      float[] w = new float[size(d)];
      if (d.length > 1) {
        int window = 1;
        for (int i = 0; i < d.length - 2; i++) {
          window *= d[i];
        }
        // Dense [in, out]; convolution [k, k, in, out]; transposed [k, k, out, in] (same sum).
        double fans = (double) window * (d[d.length - 2] + d[d.length - 1]);
        double limit = Math.sqrt(6 / fans);
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
      }
      v.put(e.getKey(), w);
    }
    return new VaeWeights(Collections.unmodifiableMap(v));
  }

  /**
   * Weights from named arrays, checked against {@code c}.
   *
   * @param source names the origin in error messages (a file)
   * @throws IllegalArgumentException naming the source and key for a missing, extra, misshapen or
   *     non-finite array
   */
  public static VaeWeights fromMap(Map<String, float[]> arrays, VaeConfig c, String source) {
    Map<String, int[]> shapes = shapes(c);
    Map<String, float[]> v = new LinkedHashMap<>();
    for (var e : shapes.entrySet()) {
      float[] a = arrays.get(e.getKey());
      if (a == null) {
        throw new IllegalArgumentException(source + ": missing key '" + e.getKey() + "'");
      }
      if (a.length != size(e.getValue())) {
        throw new IllegalArgumentException(
            source
                + ": key '"
                + e.getKey()
                + "' has "
                + a.length
                + " values; the config needs "
                + size(e.getValue()));
      }
      for (int i = 0; i < a.length; i++) {
        if (!Float.isFinite(a[i])) {
          throw new IllegalArgumentException(
              source + ": key '" + e.getKey() + "' holds " + a[i] + " at index " + i);
        }
      }
      v.put(e.getKey(), a.clone());
    }
    for (String k : arrays.keySet()) {
      if (!shapes.containsKey(k)) {
        throw new IllegalArgumentException(source + ": unexpected key '" + k + "'");
      }
    }
    return new VaeWeights(Collections.unmodifiableMap(v));
  }

  static int size(int[] d) {
    int n = 1;
    for (int x : d) {
      n *= x;
    }
    return n;
  }

  /** The values of weight {@code name} (a copy). */
  public float[] get(String name) {
    float[] v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no weight named '" + name + "'");
    }
    return v.clone();
  }

  /** The weights by name, in layer order (the arrays are shared: do not change them). */
  Map<String, float[]> map() {
    return values;
  }

  /** The weights as npy arrays, shaped by {@code c}, in layer order. */
  public Map<String, NpyArray> toArrays(VaeConfig c) {
    Map<String, NpyArray> out = new LinkedHashMap<>();
    for (var e : shapes(c).entrySet()) {
      out.put(e.getKey(), NpyArray.ofFloats(values.get(e.getKey()), e.getValue()));
    }
    return out;
  }

  /**
   * SHA-256 (64 lower-case hexadecimal digits) of the weight file these weights are written as: a
   * function of the values alone, which encoded episodes record to name their encoder.
   */
  public String sha256(VaeConfig c) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Npz.write(bytes, toArrays(c));
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
