package org.worldmodels.train;

import org.worldmodels.mdn.MdnHead;
import org.worldmodels.rnn.MdnRnnCell;

/** {@link MeanPredictor#of(MdnRnnCell)}: rows of the plain-Java cell, means of the raw head. */
final class CellMeans implements MeanPredictor {
  private final MdnRnnCell cell;
  private final MdnHead head;
  private final int zs;
  private final int hs;
  private final int out;

  CellMeans(MdnRnnCell cell) {
    this.cell = cell;
    this.head = cell.config().head();
    this.zs = cell.config().zSize();
    this.hs = cell.config().hidden();
    this.out = cell.config().outputSize();
  }

  @Override
  public int zSize() {
    return zs;
  }

  @Override
  public Row start() {
    return new CellRow(new float[hs], new float[hs]);
  }

  private final class CellRow implements Row {
    private final float[] h;
    private final float[] c;
    private final float[] y = new float[out];
    private final MdnRnnCell.Workspace work = cell.newWorkspace();

    CellRow(float[] h, float[] c) {
      this.h = h;
      this.c = c;
    }

    @Override
    public void step(float[] z, float[] a, float[] mean) {
      cell.step(z, 0, a, 0, h, c, 0, y, 0, work);
      for (int d = 0; d < zs; d++) {
        mean[d] = (float) head.mixture(y, 0, d).mean();
      }
    }

    @Override
    public Row copy() {
      return new CellRow(h.clone(), c.clone());
    }
  }
}
