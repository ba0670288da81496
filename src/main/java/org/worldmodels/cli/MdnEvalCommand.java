package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.io.CsvTable;
import org.worldmodels.mdn.MdnRegressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdn eval}: held-out negative log-likelihood. */
@Command(name = "eval", description = "Mean -ln p(target | input) over the rows of a CSV, in nats.")
final class MdnEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from mdn fit.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      description = "CSV with the model's input and target columns.")
  Path data;

  @Override
  public Integer call() {
    MdnRegressor m = MdnRegressor.load(model);
    String input = m.metadata().input();
    String target = m.metadata().target();
    CsvTable table = CsvTable.read(data, input, target);
    double nll = m.negLogLikelihood(table.column(input), table.column(target));
    Cli.printJson(spec, "nll", nll, "rows", table.rows());
    return 0;
  }
}
