package org.worldmodels.control;

import java.util.Arrays;
import org.worldmodels.tf.SymmetricEigen;

/**
 * The eigendecomposition {@code C = B D^2 B^T} of a covariance matrix, which CMA-ES samples with
 * ({@code y = B D z}) and whitens with ({@code C^(-1/2) v = B D^-1 B^T v}). Held apart from C
 * because it is refreshed only every few generations.
 */
final class EigenBasis {
  /**
   * Smallest eigenvalue kept, relative to the largest: round-off can leave a tiny or negative one,
   * and 1e14 still allows axis ratios of 1e7.
   */
  private static final double MIN_RELATIVE_EIGENVALUE = 1e-14;

  /** Columns are the eigenvectors, shape [n, n]. */
  private final double[][] b;

  /** Square roots of the eigenvalues, shape [n], all > 0. */
  private final double[] d;

  /** Takes ownership of the arrays. */
  EigenBasis(double[][] b, double[] d) {
    this.b = b;
    this.d = d;
  }

  /** The basis of C = I. */
  static EigenBasis identity(int n) {
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      b[i][i] = 1;
    }
    double[] d = new double[n];
    Arrays.fill(d, 1);
    return new EigenBasis(b, d);
  }

  /** Decomposes a symmetric positive semi-definite {@code c}. */
  static EigenBasis of(double[][] c) {
    int n = c.length;
    SymmetricEigen eig = SymmetricEigen.of(c);
    double[] values = eig.values();
    double floor = Arrays.stream(values).max().orElseThrow() * MIN_RELATIVE_EIGENVALUE;
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = Math.sqrt(Math.max(values[j], floor));
    }
    return new EigenBasis(eig.vectors(), d);
  }

  /** Writes {@code B D z} into {@code out}: a draw from N(0, C) when z ~ N(0, I). */
  void scale(double[] z, double[] out) {
    int n = d.length;
    double[] dz = new double[n];
    for (int j = 0; j < n; j++) {
      dz[j] = d[j] * z[j];
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += b[i][j] * dz[j];
      }
      out[i] = s;
    }
  }

  /** {@code C^(-1/2) v = B D^-1 B^T v}. */
  double[] whiten(double[] v) {
    int n = d.length;
    double[] t = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += b[i][j] * v[i];
      }
      t[j] = s / d[j];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += b[i][j] * t[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** The eigenvectors as columns; the caller must not modify them. */
  double[][] eigenvectors() {
    return b;
  }

  /** The axis lengths; the caller must not modify them. */
  double[] axisLengths() {
    return d;
  }
}
