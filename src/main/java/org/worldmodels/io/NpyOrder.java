package org.worldmodels.io;

/** Reorders the raw elements of an array stored in Fortran (column-major) order to C order. */
final class NpyOrder {
  private NpyOrder() {}

  /**
   * The bytes of {@code raw} with elements rearranged from Fortran to C order.
   *
   * @param raw the data, {@code itemSize} bytes an element, first index fastest
   * @param shape the logical shape
   * @param itemSize bytes per element
   * @return the data with the last index fastest
   */
  static byte[] fortranToC(byte[] raw, int[] shape, int itemSize) {
    int rank = shape.length;
    long[] fortranStride = new long[rank];
    long stride = 1;
    for (int d = 0; d < rank; d++) {
      fortranStride[d] = stride;
      stride *= shape[d];
    }
    byte[] out = new byte[raw.length];
    int n = raw.length / itemSize;
    int[] index = new int[rank]; // the C-order multi-index of element i, advanced like an odometer
    long from = 0; // where element i sits in Fortran order
    for (int i = 0; i < n; i++) {
      System.arraycopy(raw, (int) (from * itemSize), out, i * itemSize, itemSize);
      for (int d = rank - 1; d >= 0; d--) {
        index[d]++;
        from += fortranStride[d];
        if (index[d] < shape[d]) {
          break;
        }
        from -= (long) index[d] * fortranStride[d];
        index[d] = 0;
      }
    }
    return out;
  }
}
