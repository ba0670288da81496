package org.worldmodels.tf;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.CustomGradient;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawOpInputs;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.worldmodels.util.Check;

/**
 * Convolutions whose forward direction runs TensorFlow's own kernel instead of oneDNN's, with
 * gradients, for the ConvVAE's graphs.
 *
 * <p>The oneDNN rewrite turns every {@code Conv2D} into oneDNN's kernel, which at the ConvVAE's
 * shapes took up to 2.8 times as long as TensorFlow's own on the machine measured (docs/vision.md,
 * "The training graph's convolutions"). TensorFlow's own runs under the generic {@code Conv} op,
 * which TensorFlow Java 1.1.0 has no gradient for, and a forward convolution also appears in the
 * gradient of every transposed convolution ({@code Conv2DBackpropInput}), whose registered gradient
 * spells it {@code Conv2D}. So this class registers two gradients ({@link #register}):
 *
 * <ul>
 *   <li>{@link #convolution}: {@code Conv}, with {@code Conv2D}'s gradient ({@code
 *       Conv2DBackpropInput} for the input, {@code Conv2DBackpropFilter} for the filter: oneDNN's
 *       backward kernels, which have no faster spelling here);
 *   <li>{@link #transposed}: the transposed convolution as {@code Conv3DBackpropInputV2} with a
 *       depth of one (the same kernel and the same bits as {@code Conv2DBackpropInput}), with the
 *       gradient TensorFlow gives {@code Conv2DBackpropInput} but {@code Conv} for its convolution.
 * </ul>
 *
 * Both are two-dimensional, NHWC, without dilation, {@code VALID} padding.
 */
public final class ConvGradients {
  /** TensorFlow's name for no padding, the only padding these gradients cover. */
  public static final String VALID = "VALID";

  private static boolean convRegistered;
  private static boolean transposedRegistered;
  private static boolean unsupported;

  private ConvGradients() {}

  /**
   * Registers both gradients once per JVM (later calls do nothing) and says whether they are
   * registered: false where TensorFlow Java registers no gradients (it refuses on Windows), and
   * then a graph that needs gradients spells its convolutions {@code Conv2D} and {@code
   * Conv2DBackpropInput} instead.
   *
   * @throws IllegalStateException if TensorFlow has a gradient for either op already
   */
  public static synchronized boolean register() {
    if (unsupported) {
      return false;
    }
    try {
      if (!convRegistered) {
        register(Conv.Inputs.class, ConvGradients::convolutionGradient, "Conv");
        convRegistered = true;
      }
      if (!transposedRegistered) {
        register(
            Conv3dBackpropInput.Inputs.class,
            ConvGradients::transposedGradient,
            "Conv3DBackpropInputV2");
        transposedRegistered = true;
      }
      return true;
    } catch (UnsupportedOperationException e) {
      unsupported = true;
      return false;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends RawOpInputs<?>> void register(
      Class inputs, CustomGradient<T> gradient, String op) {
    Check.state(
        TensorFlow.registerCustomGradient((Class<T>) inputs, gradient),
        "TensorFlow refused a gradient for " + op + ": one is registered already");
  }

  /**
   * A convolution of NHWC {@code x} with HWIO {@code filter} at {@code strides}, without padding,
   * as TensorFlow's own kernel; differentiable once {@link #register} returned true.
   */
  public static Operand<TFloat32> convolution(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter, List<Long> strides) {
    return tf.nn.conv(x, filter, strides, VALID);
  }

  /**
   * The transposed convolution of NHWC {@code x} to an NHWC output of shape {@code outputShape}
   * with the HWOI {@code filter} (as {@code Conv2DBackpropInput} takes them), without padding;
   * differentiable once {@link #register} returned true.
   *
   * @param strides NHWC strides, {@code [1, sh, sw, 1]}
   */
  public static Operand<TFloat32> transposed(
      Ops tf,
      Operand<TInt32> outputShape,
      Operand<TFloat32> filter,
      Operand<TFloat32> x,
      List<Long> strides) {
    Check.argument(
        strides.size() == 4 && strides.get(0) == 1 && strides.get(3) == 1,
        "a transposed convolution's strides are [1, sh, sw, 1], got " + strides);
    Operand<TInt32> zero = tf.constant(new int[] {0});
    Operand<TInt32> shape5 =
        tf.concat(
            List.of(
                tf.slice(outputShape, zero, tf.constant(new int[] {1})),
                tf.constant(new int[] {1}),
                tf.slice(outputShape, tf.constant(new int[] {1}), tf.constant(new int[] {3}))),
            tf.constant(0));
    Operand<TFloat32> out =
        Conv3dBackpropInput.create(
            tf.scope(),
            shape5,
            tf.expandDims(filter, tf.constant(0)),
            tf.expandDims(x, tf.constant(1)),
            List.of(1L, 1L, strides.get(1), strides.get(2), 1L),
            VALID);
    return tf.squeeze(out, squeezeAxis(1));
  }

  private static List<Operand<?>> convolutionGradient(
      Ops tf, Conv.Inputs<?> op, List<Output<?>> dy) {
    Check.argument(
        op.strides.length == 4
            && op.batchDims == 1
            && op.groups == 1
            && "CHANNELS_LAST".equals(op.dataFormat)
            && supported(op.dilations, op.padding),
        "Conv's registered gradient covers 2-D NHWC VALID convolutions (batch_dims 1, groups 1,"
            + " no dilation), got batch_dims "
            + op.batchDims
            + ", groups "
            + op.groups
            + ","
            + attributes(op.strides, op.dataFormat, op.dilations, op.padding));
    Operand<TFloat32> x = floats(op.input);
    Operand<TFloat32> filter = floats(op.filter);
    Operand<TFloat32> g = floats(dy.get(0));
    List<Long> strides = Arrays.stream(op.strides).boxed().toList();
    return List.of(
        tf.nn.conv2dBackpropInput(tf.shape(x), filter, g, strides, VALID),
        tf.nn.conv2dBackpropFilter(x, tf.shape(filter), g, strides, VALID));
  }

  private static List<Operand<?>> transposedGradient(
      Ops tf, Conv3dBackpropInput.Inputs<?> op, List<Output<?>> dy) {
    // Shapes cannot be read here (the graph is locked while its gradients are built): a filter or
    // input deeper than one fails in the squeezes below, with TensorFlow's message.
    Check.argument(
        op.strides.length == 5
            && op.strides[1] == 1
            && "NDHWC".equals(op.dataFormat)
            && supported(op.dilations, op.padding),
        "Conv3DBackpropInputV2's registered gradient covers depth-1 NDHWC VALID ones (a 2-D"
            + " transposed convolution) without dilation, got"
            + attributes(op.strides, op.dataFormat, op.dilations, op.padding));
    Operand<TFloat32> filter = tf.squeeze(floats(op.filter), squeezeAxis(0));
    Operand<TFloat32> x = tf.squeeze(floats(op.outBackprop), squeezeAxis(1));
    Operand<TFloat32> g = tf.squeeze(floats(dy.get(0)), squeezeAxis(1));
    List<Long> strides = List.of(1L, op.strides[2], op.strides[3], 1L);
    // As TensorFlow's gradient of Conv2DBackpropInput, with Conv for its Conv2D: the input's
    // gradient convolves the output's with the filter; the filter's treats the output's gradient
    // as the convolution's input and the transposed convolution's input as its output gradient.
    Operand<TFloat32> dx = convolution(tf, g, filter, strides);
    Operand<TFloat32> dFilter = tf.nn.conv2dBackpropFilter(g, tf.shape(filter), x, strides, VALID);
    return List.of(
        tf.zerosLike(op.inputSizes),
        tf.expandDims(dFilter, tf.constant(0)),
        tf.expandDims(dx, tf.constant(1)));
  }

  private static boolean supported(long[] dilations, String padding) {
    return Arrays.stream(dilations).allMatch(d -> d == 1) && VALID.equals(padding);
  }

  /** The attributes both gradients check, for their errors. */
  private static String attributes(
      long[] strides, String format, long[] dilations, String padding) {
    return " strides "
        + Arrays.toString(strides)
        + ", format "
        + format
        + ", dilations "
        + Arrays.toString(dilations)
        + ", padding "
        + padding;
  }

  private static Squeeze.Options squeezeAxis(long axis) {
    return Squeeze.axis(List.of(axis));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }
}
