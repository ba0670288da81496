package org.worldmodels.env.render;

/**
 * Reads a rendered frame at Gymnasium screen coordinates, with the window mapping written out here
 * from the documented numbers (not taken from the renderers), so that tests check the renderers
 * against the contract.
 */
final class FrameProbe {
  final byte[] rgb;
  final int n;
  final double x0;
  final double x1;
  final double y0;
  final double y1;

  FrameProbe(byte[] rgb, int n, double x0, double x1, double y0, double y1) {
    this.rgb = rgb;
    this.n = n;
    this.x0 = x0;
    this.x1 = x1;
    this.y0 = y0;
    this.y1 = y1;
  }

  /** The frame column holding screen x. */
  double column(double x) {
    return (x - x0) * n / (x1 - x0);
  }

  /** The frame row holding screen y (y up). */
  double row(double y) {
    return (y1 - y) * n / (y1 - y0);
  }

  /** Channel c of pixel (row, col). */
  int at(int row, int col, int c) {
    return rgb[(row * n + col) * 3 + c] & 0xff;
  }

  /** The RGB of the pixel holding screen point (x, y), as {r, g, b}. */
  int[] screen(double x, double y) {
    int col = (int) Math.floor(column(x));
    int row = (int) Math.floor(row(y));
    return new int[] {at(row, col, 0), at(row, col, 1), at(row, col, 2)};
  }

  /**
   * The centre, in frame columns, of the ink of frame row {@code row}: each pixel weighted by how
   * far channel {@code c} is below white, over [colFrom, colTo).
   */
  double inkCentre(int row, int c, int colFrom, int colTo) {
    double sum = 0;
    double weighted = 0;
    for (int col = colFrom; col < colTo; col++) {
      double w = 255 - at(row, col, c);
      sum += w;
      weighted += w * (col + 0.5);
    }
    return weighted / sum;
  }

  /** The summed ink of a row, in units of fully covered pixels of a colour of value {@code v}. */
  double inkWidth(int row, int c, int v) {
    double sum = 0;
    for (int col = 0; col < n; col++) {
      sum += (255 - at(row, col, c)) / (double) (255 - v);
    }
    return sum;
  }
}
