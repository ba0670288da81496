package org.worldmodels.train;

/**
 * Training met a non-finite loss or gradient; the model directory keeps its last good checkpoint.
 */
public final class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The step (1-based update number) whose loss or gradient was not finite. */
  public final long step;

  public NonFiniteLossException(long step, double loss, double gradNorm, String kept) {
    super(
        "loss "
            + loss
            + ", gradient norm "
            + gradNorm
            + " at step "
            + step
            + "; training stopped, the model directory keeps "
            + kept);
    this.step = step;
  }
}
