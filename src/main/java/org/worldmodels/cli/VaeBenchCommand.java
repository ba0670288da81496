package org.worldmodels.cli;

import java.util.concurrent.Callable;
import org.worldmodels.bench.VaeBenchmark;
import org.worldmodels.util.Check;
import org.worldmodels.vision.VaeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench vae}: ConvVAE speed (training step, encode, decode). Run with nothing else busy. */
@Command(
    name = "vae",
    description =
        "Median ConvVAE training step (forward, loss, backward, Adam) and encode/decode time per"
            + " image, World Models' ConvVAE at 64 x 64.")
final class VaeBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--batch", description = "Default ${DEFAULT-VALUE}.")
  int batch = 100;

  @Option(names = "--z-size", description = "Default ${DEFAULT-VALUE}.")
  int zSize = VaeConfig.Z_SIZE_DEFAULT;

  @Option(names = "--steps", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int steps = 10;

  @Option(names = "--warmup", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Override
  public Integer call() {
    Check.positive("--batch", batch);
    Check.positive("--steps", steps);
    Check.inRange("--warmup", warmup, 0, 1_000_000);
    Check.inRange("--z-size", zSize, 1, 4096);
    Cli.printJson(
        spec, VaeBenchmark.run(VaeConfig.defaults().withZSize(zSize), batch, steps, warmup));
    return 0;
  }
}
