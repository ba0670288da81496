package org.worldmodels.cli;

import java.util.concurrent.Callable;
import org.worldmodels.bench.MatMulBenchmark;
import org.worldmodels.bench.StepBenchmark;
import org.worldmodels.bench.TrainBenchmark;
import org.worldmodels.dream.Backend;
import org.worldmodels.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench train|step}: performance figures, never assertions. Run with nothing else busy. */
@Command(
    name = "bench",
    description =
        "Performance figures at World Models CarRacing shapes (z 32, a 3, LSTM 256, K 5).",
    subcommands = {
      BenchCommand.Train.class,
      BenchCommand.Step.class,
      BenchCommand.MatMul.class,
      BenchPlotCommand.class,
      VaeBenchCommand.class
    })
final class BenchCommand {
  /** {@code bench train}. */
  @Command(
      name = "train",
      description = "Median full training step (forward, loss, backward, clip, Adam).")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--batch", description = "Default ${DEFAULT-VALUE}.")
    int batch = 100;

    @Option(names = "--seq-len", description = "Default ${DEFAULT-VALUE}.")
    int seqLen = 100;

    @Option(names = "--hidden", description = "Default ${DEFAULT-VALUE}.")
    int hidden = 256;

    @Option(names = "--mixtures", description = "Default ${DEFAULT-VALUE}.")
    int mixtures = 5;

    @Option(names = "--z-size", description = "Latent width (default ${DEFAULT-VALUE}).")
    int zSize = 32;

    @Option(names = "--action-size", description = "Action width (default ${DEFAULT-VALUE}).")
    int actionSize = 3;

    @Option(names = "--steps", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps = 20;

    @Option(names = "--warmup", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Override
    public Integer call() {
      Check.positive("--batch", batch);
      Check.positive("--z-size", zSize);
      Check.inRange("--action-size", actionSize, 0, 100_000);
      Check.positive("--seq-len", seqLen);
      Check.positive("--hidden", hidden);
      Check.positive("--mixtures", mixtures);
      Check.positive("--steps", steps);
      Check.inRange("--warmup", warmup, 0, 1_000_000);
      Cli.printJson(
          spec,
          TrainBenchmark.run(batch, seqLen, hidden, mixtures, zSize, actionSize, steps, warmup));
      return 0;
    }
  }

  /** {@code bench step}. */
  @Command(name = "step", description = "Median dream step (LSTM cell, head, sampling), per row.")
  static final class Step implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--batch", description = "Default ${DEFAULT-VALUE}.")
    int batch = 1;

    @Option(names = "--steps", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps = 2000;

    @Option(
        names = "--warmup",
        description = "Untimed steps first, and at least 2 s of them (default ${DEFAULT-VALUE}).")
    int warmup = 500;

    @Option(names = "--temperature", description = "Default ${DEFAULT-VALUE}.")
    double temperature = 1.0;

    @Option(names = "--hidden", description = "Default ${DEFAULT-VALUE}.")
    int hidden = 256;

    @Option(
        names = "--backend",
        description = "auto, java or tensorflow (default ${DEFAULT-VALUE}).")
    String backend = "auto";

    @Override
    public Integer call() {
      Check.positive("--batch", batch);
      Check.positive("--steps", steps);
      Check.inRange("--warmup", warmup, 0, 100_000_000);
      Check.positiveFinite("--temperature", temperature);
      Backend b =
          switch (backend) {
            case "auto" -> Backend.AUTO;
            case "java" -> Backend.JAVA;
            case "tensorflow" -> Backend.TENSORFLOW;
            default ->
                throw new IllegalArgumentException(
                    "--backend must be auto, java or tensorflow, got '" + backend + "'");
          };
      Cli.printJson(
          spec, StepBenchmark.run(batch, hidden, 5, 32, 3, steps, warmup, temperature, b));
      return 0;
    }
  }

  @Command(
      name = "matmul",
      description =
          "Median float32 product [m, k] x [k, n] in TensorFlow: the machine's GFLOP/s, the"
              + " peak the other figures are a share of (default: the dream's LSTM product at"
              + " 4096 rows).")
  static final class MatMul implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--m", description = "Rows (default ${DEFAULT-VALUE}).")
    int m = 4096;

    @Option(names = "--k", description = "Inner size (default ${DEFAULT-VALUE}).")
    int k = 291;

    @Option(names = "--n", description = "Columns (default ${DEFAULT-VALUE}).")
    int n = 1024;

    @Option(names = "--steps", description = "Timed products (default ${DEFAULT-VALUE}).")
    int steps = 50;

    @Option(names = "--warmup", description = "Untimed products first (default ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Override
    public Integer call() {
      Check.positive("--m", m);
      Check.positive("--k", k);
      Check.positive("--n", n);
      Check.positive("--steps", steps);
      Check.inRange("--warmup", warmup, 0, 1_000_000);
      Cli.printJson(spec, MatMulBenchmark.run(m, k, n, steps, warmup));
      return 0;
    }
  }
}
