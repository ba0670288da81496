package org.worldmodels.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

/** Against commons-math3's decomposition, and V diag(values) V^T = M with V orthonormal. */
class SymmetricEigenTest {
  @Test
  void matchesCommonsMathAndRebuildsTheMatrix() {
    int n = 40;
    SplittableRandom rng = new SplittableRandom(3);
    double[][] a = new double[n][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          m[i][j] += a[i][k] * a[j][k] / n; // A A^T / n: symmetric positive definite
        }
      }
    }
    SymmetricEigen eig = SymmetricEigen.of(m);
    double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues();
    Arrays.sort(expected);
    for (int j = 0; j < n; j++) {
      assertThat(eig.values()[j])
          .isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-10));
      if (j > 0) {
        assertThat(eig.values()[j]).isGreaterThanOrEqualTo(eig.values()[j - 1]);
      }
    }
    double[][] v = eig.vectors();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double rebuilt = 0;
        double gram = 0;
        for (int k = 0; k < n; k++) {
          rebuilt += v[i][k] * eig.values()[k] * v[j][k];
          gram += v[k][i] * v[k][j];
        }
        assertThat(rebuilt).isCloseTo(m[i][j], org.assertj.core.data.Offset.offset(1e-10));
        assertThat(gram).isCloseTo(i == j ? 1 : 0, org.assertj.core.data.Offset.offset(1e-10));
      }
    }
    SymmetricEigen again = SymmetricEigen.of(m);
    assertThat(again.values()).isEqualTo(eig.values());
    assertThat(again.vectors()).isDeepEqualTo(eig.vectors());
  }

  @Test
  void refusesARaggedMatrix() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 0}, {0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matrix row 1 has 1 values; expected 2");
  }
}
