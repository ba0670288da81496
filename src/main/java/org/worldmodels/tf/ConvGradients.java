package org.worldmodels.tf;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.CustomGradient;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.worldmodels.util.Check;

/**
 * Convolutions whose gradients run TensorFlow's own convolution instead of oneDNN's, for the
 * ConvVAE's training graph.
 *
 * <p>The oneDNN rewrite turns every {@code Conv2D} into oneDNN's kernel, which on the 2-core
 * machines measured is up to three times slower than TensorFlow's own at the ConvVAE's shapes
 * (docs/vision.md, "The training graph's convolutions"). TensorFlow's own runs under the generic
 * {@code Conv} op, which TensorFlow Java 1.1.0 has no gradient for, and a convolution also appears
 * in the gradient of every transposed convolution ({@code Conv2DBackpropInput}), whose registered
 * gradient spells it {@code Conv2D}. So this class registers two gradients:
 *
 * <ul>
 *   <li>{@link #convolution}: {@code Conv}, with {@code Conv2D}'s gradient ({@code
 *       Conv2DBackpropInput} for the input, {@code Conv2DBackpropFilter} for the filter);
 *   <li>{@link #transposed}: the transposed convolution as {@code Conv3DBackpropInputV2} with a
 *       depth of one (the same kernel and the same bits as {@code Conv2DBackpropInput}), with the
 *       gradient TensorFlow gives {@code Conv2DBackpropInput} but {@code Conv} for its convolution.
 * </ul>
 *
 * Both are two-dimensional, NHWC, without dilation, {@code VALID} padding.
 */
public final class ConvGradients {
  private static final String VALID = "VALID";
  private static boolean registered;

  private ConvGradients() {}

  /** Registers both gradients once per JVM; later calls do nothing. */
  public static synchronized void register() {
    if (registered) {
      return;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Conv.Inputs<?>> convInputs = (Class) Conv.Inputs.class;
    CustomGradient<Conv.Inputs<?>> convGradient = ConvGradients::convolutionGradient;
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Conv3dBackpropInput.Inputs<?>> transposedInputs =
        (Class) Conv3dBackpropInput.Inputs.class;
    CustomGradient<Conv3dBackpropInput.Inputs<?>> transposedGradient =
        ConvGradients::transposedGradient;
    Check.state(
        TensorFlow.registerCustomGradient(convInputs, convGradient)
            && TensorFlow.registerCustomGradient(transposedInputs, transposedGradient),
        "TensorFlow refused a gradient for Conv or Conv3DBackpropInputV2 (one is registered already)");
    registered = true;
  }

  /**
   * A stride-{@code strides} convolution of NHWC {@code x} with HWIO {@code filter}, without
   * padding, as TensorFlow's own kernel, with a gradient ({@link #register} first).
   */
  public static Operand<TFloat32> convolution(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter, List<Long> strides) {
    return tf.nn.conv(x, filter, strides, VALID);
  }

  /**
   * The transposed convolution of NHWC {@code x} to NHWC output of shape {@code outputShape} with
   * the HWOI {@code filter} (as {@code Conv2DBackpropInput} takes them), without padding, with a
   * gradient ({@link #register} first).
   */
  public static Operand<TFloat32> transposed(
      Ops tf,
      Operand<TInt32> outputShape,
      Operand<TFloat32> filter,
      Operand<TFloat32> x,
      List<Long> strides) {
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
            && Arrays.stream(op.dilations).allMatch(d -> d == 1)
            && VALID.equals(op.padding),
        "Conv's gradient covers 2-D NHWC VALID convolutions without dilation or groups, got strides "
            + Arrays.toString(op.strides)
            + ", format "
            + op.dataFormat
            + ", padding "
            + op.padding);
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
    Check.argument(
        op.strides.length == 5
            && op.strides[1] == 1
            && "NDHWC".equals(op.dataFormat)
            && Arrays.stream(op.dilations).allMatch(d -> d == 1)
            && VALID.equals(op.padding),
        "the transposed convolution's gradient covers depth-1 NDHWC VALID ones without dilation,"
            + " got strides "
            + Arrays.toString(op.strides)
            + ", format "
            + op.dataFormat
            + ", padding "
            + op.padding);
    Operand<TFloat32> filter = tf.squeeze(floats(op.filter), squeezeAxis(0));
    Operand<TFloat32> x = tf.squeeze(floats(op.outBackprop), squeezeAxis(1));
    Operand<TFloat32> g = tf.squeeze(floats(dy.get(0)), squeezeAxis(1));
    List<Long> strides = List.of(1L, op.strides[2], op.strides[3], 1L);
    Operand<TFloat32> dx = tf.nn.conv(g, filter, strides, VALID);
    Operand<TFloat32> dFilter = tf.nn.conv2dBackpropFilter(g, tf.shape(filter), x, strides, VALID);
    return List.of(
        tf.zerosLike(op.inputSizes),
        tf.expandDims(dFilter, tf.constant(0)),
        tf.expandDims(dx, tf.constant(1)));
  }

  private static Squeeze.Options squeezeAxis(long axis) {
    return Squeeze.axis(List.of(axis));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }
}
