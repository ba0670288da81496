package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.worldmodels.io.CsvTable;
import org.worldmodels.mdn.MdnRegressor;
import org.worldmodels.mdn.Mixture;
import org.worldmodels.mdn.Temperature;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdn predict}: mode, mean and samples of p(target | input) for each row. */
@Command(
    name = "predict",
    description = "Write <input>,mode,mean,sample_1..sample_S per row (mode and mean untempered).")
final class MdnPredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from mdn fit.")
  Path model;

  @Option(names = "--data", required = true, description = "CSV with the model's input column.")
  Path data;

  @Option(names = "--out", required = true, description = "New CSV file to write.")
  Path out;

  @Option(names = "--samples", description = "Samples per row (default ${DEFAULT-VALUE}).")
  int samples = 10;

  @Option(
      names = "--temperature",
      description = "Sampling temperature > 0 (default ${DEFAULT-VALUE}).")
  double temperature = 1.0;

  @Option(names = "--seed", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Check.inRange("--samples", samples, 0, 1_000_000);
    Temperature tau = Temperature.of(Check.positiveFinite("--temperature", temperature));
    OutputDir.requireNewFile(out);
    MdnRegressor m = MdnRegressor.load(model);
    String input = m.metadata().input();
    CsvTable table = CsvTable.read(data, input);
    double[] x = table.column(input);
    List<String> header = new ArrayList<>(List.of(input, "mode", "mean"));
    for (int s = 1; s <= samples; s++) {
      header.add("sample_" + s);
    }
    List<double[]> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      Mixture mix = m.mixture(x[i]);
      double[] row = new double[3 + samples];
      row[0] = x[i];
      row[1] = mix.mode();
      row[2] = mix.mean();
      // Row i's samples come from a stream keyed by (seed, i): independent of the other rows.
      var rng = Seeds.stream(seed, i);
      for (int s = 0; s < samples; s++) {
        row[3 + s] = mix.sample(tau, rng);
      }
      rows.add(row);
    }
    Cli.io(
        "--out " + out,
        () -> {
          CsvTable.write(out, header, rows);
          return null;
        });
    Cli.printJson(spec, "rows", x.length);
    return 0;
  }
}
