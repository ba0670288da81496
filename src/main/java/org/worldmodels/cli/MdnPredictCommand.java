package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.mdn.PredictRequest;
import org.worldmodels.mdn.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdn predict}: mode, mean and samples of p(target | input) for each row. */
@Command(
    name = "predict",
    description = "Write <input>,mode,mean,sample_1..sample_S per row (mode and mean untempered).")
final class MdnPredictCommand implements Callable<Integer> {
  /** How the request's checks name each setting, and the flag that sets it. */
  private static final Map<String, String> FLAGS =
      Map.of("samples", "--samples", "temperature", "--temperature");

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from mdn fit.")
  Path model;

  @Option(names = "--data", required = true, description = "CSV with the model's input column.")
  Path data;

  @Option(names = "--out", required = true, description = "New CSV file to write.")
  Path out;

  @Option(names = "--samples", description = "Samples per row (default ${DEFAULT-VALUE}).")
  int samples = PredictRequest.SAMPLES_DEFAULT;

  @Option(
      names = "--temperature",
      description = "Sampling temperature > 0 (default ${DEFAULT-VALUE}).")
  double temperature = 1.0;

  @Option(names = "--seed", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    int rows =
        Cli.named(
            FLAGS,
            () ->
                Cli.io(
                    "--out " + out,
                    () ->
                        Predictions.write(
                            new PredictRequest(model, data, out, samples, temperature, seed))));
    Cli.printJson(spec, "rows", rows);
    return 0;
  }
}
