package org.worldmodels.mdn;

import java.nio.file.Path;
import org.worldmodels.util.Check;

/**
 * What {@code mdn predict} is asked to do: for each row of the model's input column in {@code
 * data}, write the mode, the mean and {@code samples} draws of {@code p(target | input)} to the new
 * CSV file {@code out} ({@link Predictions#write}).
 *
 * @param model a model directory (the {@code --out} of {@code mdn fit})
 * @param data a CSV file with the model's input column
 * @param out a CSV file that does not exist yet
 * @param samples draws per row, in [0, {@value #MAX_SAMPLES}]
 * @param temperature sampling temperature, finite and {@code > 0} (mode and mean are untempered)
 * @param seed row i draws from the stream keyed by ({@code seed}, i)
 */
public record PredictRequest(
    Path model, Path data, Path out, int samples, double temperature, long seed) {
  /** Draws per row unless asked otherwise. */
  public static final int SAMPLES_DEFAULT = 10;

  /** Most draws per row. */
  public static final int MAX_SAMPLES = 1_000_000;

  /** Validates what can be checked without reading files. */
  public PredictRequest {
    Check.argument(model != null, "model directory must be given");
    Check.argument(data != null, "data file must be given");
    Check.argument(out != null, "out file must be given");
    Check.inRange("samples", samples, 0, MAX_SAMPLES);
    Check.positiveFinite("temperature", temperature);
  }
}
