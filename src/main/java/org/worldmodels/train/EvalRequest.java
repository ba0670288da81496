package org.worldmodels.train;

import java.nio.file.Path;
import org.worldmodels.util.Check;

/**
 * What {@code eval} is asked to do: the held-out figure {@code nll_per_dim} of the model in {@code
 * model} on the episodes in {@code data} ({@link Evaluator#evaluate}), and, if asked, the open-loop
 * error per horizon ({@link OpenLoop}).
 *
 * @param model a model directory (the {@code --out} of {@code train})
 * @param data a directory of episode files of the model's latent and action sizes
 * @param batch episodes evaluated together, in [1, {@value #MAX_BATCH}] (the figure does not depend
 *     on it beyond float rounding)
 * @param openLoop the open-loop error's horizon and context, or null for none
 */
public record EvalRequest(Path model, Path data, int batch, OpenLoop.Settings openLoop) {
  /** Episodes evaluated together unless asked otherwise. */
  public static final int BATCH_DEFAULT = 100;

  /** Most episodes evaluated together. */
  public static final int MAX_BATCH = 1_000_000;

  /** Validates what can be checked without reading files. */
  public EvalRequest {
    Check.argument(model != null, "model directory must be given");
    Check.argument(data != null, "data directory must be given");
    Check.inRange("batch", batch, 1, MAX_BATCH);
  }

  /** The held-out NLL alone, without open-loop errors. */
  public EvalRequest(Path model, Path data, int batch) {
    this(model, data, batch, null);
  }
}
