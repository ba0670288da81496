package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.worldmodels.mdn.MdnConfig;
import org.worldmodels.report.InvertedSineDemo;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdn demo}: Bishop's inverted-sine figures. */
@Command(name = "demo", description = "Write the inverted-sine figures (a)-(f) as PNG files.")
final class MdnDemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "New directory for the PNG files.")
  Path out;

  @Option(names = "--seed", description = "Data and weight seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--steps", description = "MDN training steps (default ${DEFAULT-VALUE}).")
  int steps = MdnConfig.STEPS_DEFAULT;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    MdnConfig config = MdnConfig.defaults().withSeed(seed).withSteps(steps);
    OutputDir.requireFresh(out);
    InvertedSineDemo.Result r;
    try (OutputDir dir = OutputDir.create(out)) {
      r = InvertedSineDemo.write(dir.staging(), config, new ConsoleProgress(quiet));
      dir.commit();
    }
    System.err.printf(
        "MDN held-out NLL %.4f nats; least-squares inverse RMS error %.4f%n",
        r.mdnTestNll(), r.leastSquaresRmse());
    List<String> files =
        r.files().stream().map(p -> out.resolve(p.getFileName()).toString()).toList();
    Cli.printJson(spec, "files", files);
    return 0;
  }
}
