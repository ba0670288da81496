package org.worldmodels.tf;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;
import org.worldmodels.util.Check;

/**
 * Eigendecomposition of a symmetric matrix in double precision, by TensorFlow's {@code
 * SelfAdjointEigV2} (Eigen's tridiagonal QR solver). CMA-ES refreshes its covariance's
 * decomposition every few generations; at the Pendulum recipe's 1,105 controller parameters
 * commons-math3's {@code EigenDecomposition} took 4.0-4.5 s a call (about 110 of the control
 * phase's 126 s), this 0.51 s. The solver runs on one thread, so results do not depend on the
 * thread count.
 *
 * @param values eigenvalues, ascending
 * @param vectors {@code vectors[i][j]}: component {@code i} of the eigenvector of {@code values[j]}
 *     (eigenvectors as columns)
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
  /** Decomposes the symmetric {@code n x n} matrix {@code m} (only its lower triangle is read). */
  public static SymmetricEigen of(double[][] m) {
    int n = m.length;
    Check.argument(n >= 1, "matrix has no rows");
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      Check.argument(
          m[i].length == n, "matrix row " + i + " has " + m[i].length + " values; expected " + n);
      System.arraycopy(m[i], 0, flat, i * n, n);
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(n, n)));
      SelfAdjointEig<TFloat64> eig = tf.linalg.selfAdjointEig(x, SelfAdjointEig.computeV(true));
      try (Session session = TfRuntime.session(graph);
          TFloat64 input = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(flat, true, false));
          Result r = session.runner().feed(x, input).fetch(eig.e()).fetch(eig.v()).run()) {
        double[] values = new double[n];
        ((TFloat64) r.get(0)).copyTo(DataBuffers.of(values, false, false));
        double[] v = new double[n * n];
        ((TFloat64) r.get(1)).copyTo(DataBuffers.of(v, false, false));
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
          vectors[i] = java.util.Arrays.copyOfRange(v, i * n, (i + 1) * n);
        }
        return new SymmetricEigen(values, vectors);
      }
    }
  }
}
