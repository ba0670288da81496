package org.worldmodels.mdn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.AdamGraph;
import org.worldmodels.tf.ParamSet;
import org.worldmodels.tf.StepSchedule;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Progress;

/**
 * Trains an {@link Mlp} on a whole (small) data set at every step, with our own Adam: the
 * standalone MDN and the least-squares baseline of the inverted-sine demo.
 */
final class FullBatchFit {
  private FullBatchFit() {}

  /** Builds the per-row loss {@code [N]} or {@code [N, D]} from the network output and targets. */
  @FunctionalInterface
  interface LossBuilder {
    Operand<TFloat32> rowLoss(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target);
  }

  /**
   * The fitted weights and figures.
   *
   * @param weights final weights by name
   * @param finalLoss mean loss at the final weights
   * @param curve mean loss before each update, sampled every {@code curveEvery} steps
   * @param curveEvery sampling interval of {@code curve}
   * @param bestStep the step whose weights were kept (the last one without validation data)
   */
  record Fit(
      Map<String, float[]> weights,
      double finalLoss,
      double[] curve,
      int curveEvery,
      int bestStep) {}

  /** Validation checks per run when validation rows are given. */
  static final int VALIDATIONS = 100;

  /**
   * Runs {@code steps} full-batch Adam updates.
   *
   * @param x inputs {@code [N, in]} row-major
   * @param y targets {@code [N, out]} row-major
   * @param xVal validation inputs (may be empty): when given, the weights with the lowest
   *     validation loss among {@link #VALIDATIONS} evenly spaced checks are kept (early stopping)
   * @param yVal validation targets
   */
  static Fit run(
      String task,
      float[] x,
      float[] y,
      float[] xVal,
      float[] yVal,
      int[] sizes,
      int targetDims,
      Map<String, float[]> init,
      LossBuilder loss,
      double weightDecay,
      int steps,
      StepSchedule schedule,
      AdamConfig adam,
      Progress progress) {
    int n = x.length / sizes[0];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> xIn =
          tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, sizes[0])));
      Placeholder<TFloat32> yIn =
          tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, targetDims)));
      ParamSet params = new ParamSet();
      Operand<TFloat32> out = Mlp.graph(tf, params, "mlp", xIn, sizes, init);
      Operand<TFloat32> rows = loss.rowLoss(tf, out, yIn);
      Operand<TFloat32> meanLoss = tf.math.mean(rows, tf.constant(allAxes(rows)));
      Operand<TFloat32> objective = meanLoss;
      if (weightDecay > 0) {
        // L2 penalty on the kernels (not the biases): weightDecay * sum of squared weights.
        for (var p : params.params()) {
          if (p.name().endsWith("/kernel")) {
            // Through identity: the C++ gradient of Square crashes on a ref-typed (VariableV2)
            // input.
            var sq =
                tf.reduceSum(
                    tf.math.square(tf.identity(p.variable())), tf.constant(new int[] {0, 1}));
            objective = tf.math.add(objective, tf.math.mul(tf.constant((float) weightDecay), sq));
          }
        }
      }
      AdamGraph opt = AdamGraph.build(tf, objective, params.params(), adam, null);
      int every = Math.max(1, steps / 500);
      List<Double> curve = new ArrayList<>();
      try (Session s = TfRuntime.session(g);
          TFloat32 xt = TFloat32.tensorOf(Shape.of(n, sizes[0]), DataBuffers.of(x, true, false));
          TFloat32 yt = TFloat32.tensorOf(Shape.of(n, targetDims), DataBuffers.of(y, true, false));
          TFloat32 xv =
              TFloat32.tensorOf(
                  Shape.of(xVal.length / sizes[0], sizes[0]), DataBuffers.of(xVal, true, false));
          TFloat32 yv =
              TFloat32.tensorOf(
                  Shape.of(yVal.length / targetDims, targetDims),
                  DataBuffers.of(yVal, true, false))) {
        boolean validate = xVal.length > 0;
        int checkEvery = Math.max(1, steps / VALIDATIONS);
        double bestVal = Double.POSITIVE_INFINITY;
        Map<String, float[]> best = null;
        int bestStep = steps;
        progress.start(task, steps);
        for (int step = 0; step < steps; step++) {
          float lr = adam.stepSize(schedule.at(step, steps), step + 1);
          try (TFloat32 lrT = TFloat32.scalarOf(lr)) {
            var runner =
                s.runner()
                    .feed(xIn, xt)
                    .feed(yIn, yt)
                    .feed(opt.stepSize(), lrT)
                    .addTarget(opt.train());
            boolean record = step % every == 0;
            if (record) {
              runner.fetch(meanLoss);
            }
            try (Result r = runner.run()) {
              if (record) {
                double l = ((TFloat32) r.get(0)).getFloat();
                if (!Double.isFinite(l)) {
                  throw new IllegalStateException("loss is " + l + " at step " + step);
                }
                curve.add(l);
                progress.update(step + 1, String.format("loss %.4f", l));
              }
            }
          }
          if (validate && ((step + 1) % checkEvery == 0 || step + 1 == steps)) {
            double v;
            try (Result r = s.runner().feed(xIn, xv).feed(yIn, yv).fetch(meanLoss).run()) {
              v = ((TFloat32) r.get(0)).getFloat();
            }
            if (v < bestVal) {
              bestVal = v;
              best = params.read(s);
              bestStep = step + 1;
            }
          }
        }
        progress.update(steps, "");
        progress.finish();
        double finalLoss;
        try (Result r = s.runner().feed(xIn, xt).feed(yIn, yt).fetch(meanLoss).run()) {
          finalLoss = ((TFloat32) r.get(0)).getFloat();
        }
        double[] c = curve.stream().mapToDouble(Double::doubleValue).toArray();
        return new Fit(best != null ? best : params.read(s), finalLoss, c, every, bestStep);
      }
    }
  }

  private static int[] allAxes(Operand<TFloat32> t) {
    int rank = t.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }
}
