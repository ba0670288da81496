package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.report.BenchPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench plot}: the scaling plots of docs/performance.md from collected figures. */
@Command(
    name = "plot",
    description =
        "Plot how training and dream-step costs grow, from the JSON lines of bench train / step.")
final class BenchPlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--in",
      required = true,
      description = "File of bench output (other lines are skipped).")
  Path in;

  @Option(
      names = "--out",
      required = true,
      description = "Directory for train-scaling.png and dream-scaling.png.")
  Path out;

  @Override
  public Integer call() throws Exception {
    var figures = Cli.io("--in " + in, () -> BenchPlots.read(in));
    BenchPlots.write(figures, out);
    Cli.printJson(spec, "figures", figures.size(), "out", out.toString());
    return 0;
  }
}
