package org.worldmodels.mdn;

import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Progress;

/**
 * A tanh MLP fitted by least squares: the baseline that Bishop's inverted sine defeats, since the
 * minimiser of squared error is the conditional mean, which lies between the branches of a
 * multi-valued inverse.
 */
public final class LeastSquaresNet {
  private static final String PREFIX = "mlp";
  private final int[] sizes;
  private final Map<String, float[]> weights;
  private final MdnRegressor.Scaling scaling;

  private LeastSquaresNet(int[] sizes, Map<String, float[]> weights, MdnRegressor.Scaling scaling) {
    this.sizes = sizes;
    this.weights = weights;
    this.scaling = scaling;
  }

  /** Fits {@code t ~ f(x)} with squared error, inputs and targets standardised internally. */
  public static LeastSquaresNet fit(
      double[] x, double[] t, int[] hidden, int steps, double lr, long seed, Progress progress) {
    MdnRegressor.Scaling sc = MdnRegressor.Scaling.of(x, t);
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = 1;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = 1;
    float[] xs = new float[x.length];
    float[] ts = new float[t.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = (float) ((x[i] - sc.inputMean()) / sc.inputStd());
      ts[i] = (float) ((t[i] - sc.targetMean()) / sc.targetStd());
    }
    FullBatchFit.Fit fit =
        FullBatchFit.run(
            "least squares",
            xs,
            ts,
            new float[0],
            new float[0],
            sizes,
            1,
            Mlp.initialWeights(PREFIX, sizes, new SplittableRandom(seed)),
            (tf, out, y) -> tf.math.square(tf.math.sub(out, y)),
            0,
            steps,
            new org.worldmodels.tf.StepSchedule(lr, MdnConfig.LR_DECAY, MdnConfig.LR_BOUNDARIES),
            AdamConfig.defaults(Clip.NONE),
            progress);
    return new LeastSquaresNet(sizes, fit.weights(), sc);
  }

  /** The fitted conditional mean at {@code x}. */
  public double predict(double x) {
    double[] in = {(x - scaling.inputMean()) / scaling.inputStd()};
    return scaling.targetMean() + scaling.targetStd() * Mlp.forward(weights, PREFIX, sizes, in)[0];
  }
}
