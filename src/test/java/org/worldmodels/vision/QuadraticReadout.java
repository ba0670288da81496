package org.worldmodels.vision;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Least squares of a factor on a latent and its pairwise products (a quadratic readout), fitted on
 * one set of frames and scored on another by R^2.
 */
final class QuadraticReadout {
  private QuadraticReadout() {}

  static double[] features(float[] z) {
    int n = z.length;
    double[] f = new double[n + n * (n + 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      f[k++] = z[i];
    }
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        f[k++] = (double) z[i] * z[j];
      }
    }
    return f;
  }

  /**
   * R^2 on ({@code testZ}, {@code testY}) of the readout fitted on ({@code trainZ}, {@code
   * trainY}).
   */
  static double heldOutR2(float[][] trainZ, double[] trainY, float[][] testZ, double[] testY) {
    double[][] x = new double[trainZ.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = features(trainZ[i]);
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(trainY, x);
    double[] beta = ols.estimateRegressionParameters(); // intercept first
    double mean = 0;
    for (double y : testY) {
      mean += y;
    }
    mean /= testY.length;
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < testZ.length; i++) {
      double[] f = features(testZ[i]);
      double p = beta[0];
      for (int j = 0; j < f.length; j++) {
        p += beta[j + 1] * f[j];
      }
      ssRes += (testY[i] - p) * (testY[i] - p);
      ssTot += (testY[i] - mean) * (testY[i] - mean);
    }
    return 1 - ssRes / ssTot;
  }
}
