package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.io.CsvTable;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.MdnConfig;
import org.worldmodels.mdn.MdnRegressor;
import org.worldmodels.mdn.MeanActivation;
import org.worldmodels.mdn.ScaleActivation;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdn fit}: trains a standalone MDN on two CSV columns. */
@Command(name = "fit", description = "Fit p(target | input) and write a model directory.")
final class MdnFitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** How {@link MdnConfig}'s checks name each setting, and the flag that sets it. */
  private static final Map<String, String> FLAGS =
      Map.of(
          "mixtures", "--mixtures",
          "family", "--family",
          "sigma", "--sigma",
          "mu", "--mu",
          "hidden", "--hidden",
          "steps", "--steps",
          "learning rate", "--lr",
          "weight decay", "--weight-decay",
          "validation fraction", "--validation-fraction");

  @Option(names = "--data", required = true, description = "CSV with a header row.")
  Path data;

  @Option(names = "--input", required = true, description = "Input column.")
  String input;

  @Option(names = "--target", required = true, description = "Target column.")
  String target;

  @Option(names = "--out", required = true, description = "New model directory.")
  Path out;

  @Option(names = "--mixtures", description = "Components K (default ${DEFAULT-VALUE}).")
  int mixtures = MdnConfig.MIXTURES_DEFAULT;

  @Option(names = "--family", description = "gaussian or laplace (default ${DEFAULT-VALUE}).")
  String family = MdnConfig.FAMILY_DEFAULT.name();

  @Option(
      names = "--sigma",
      description = "Scale activation: exp or elu (default ${DEFAULT-VALUE}).")
  String sigma = MdnConfig.SIGMA_DEFAULT.id;

  @Option(
      names = "--mu",
      description =
          "Mean activation: identity, softplus or bounded:LO:HI (default ${DEFAULT-VALUE}).")
  String mu = MdnConfig.MU_DEFAULT.toString();

  @Option(
      names = "--hidden",
      split = ",",
      description = "Hidden tanh layer widths (default 32,32).")
  int[] hidden = MdnConfig.HIDDEN_DEFAULT.stream().mapToInt(Integer::intValue).toArray();

  @Option(names = "--steps", description = "Full-batch Adam steps (default ${DEFAULT-VALUE}).")
  int steps = MdnConfig.STEPS_DEFAULT;

  @Option(names = "--lr", description = "Initial learning rate (default ${DEFAULT-VALUE}).")
  double learningRate = MdnConfig.LEARNING_RATE_DEFAULT;

  @Option(
      names = "--weight-decay",
      description = "L2 penalty on the kernels (default ${DEFAULT-VALUE}).")
  double weightDecay = MdnConfig.WEIGHT_DECAY_DEFAULT;

  @Option(
      names = "--validation-fraction",
      description = "Rows held out to pick the stopping step (default ${DEFAULT-VALUE}).")
  double validationFraction = MdnConfig.VALIDATION_FRACTION_DEFAULT;

  @Option(names = "--seed", description = "Seed of the initial weights (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    // Everything the user handed over is checked before TensorFlow loads.
    MdnConfig config =
        Cli.named(
            FLAGS,
            () ->
                new MdnConfig(
                    mixtures,
                    ComponentFamily.parse(family),
                    ScaleActivation.parse(sigma),
                    MeanActivation.parse(mu),
                    hidden,
                    steps,
                    learningRate,
                    weightDecay,
                    validationFraction,
                    seed));
    CsvTable table = CsvTable.read(data, input, target);
    OutputDir.requireFresh(out);
    double[] x = table.column(input);
    double[] t = table.column(target);

    long t0 = System.nanoTime();
    MdnRegressor model = MdnRegressor.fit(x, t, config, new ConsoleProgress(quiet));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double trainNll = model.negLogLikelihood(x, t);
    try (OutputDir dir = OutputDir.create(out)) {
      model.save(dir.staging(), model.metadata(input, target, trainNll, x.length, seconds));
      dir.commit();
    }
    Cli.printJson(spec, "train_nll", trainNll);
    return 0;
  }
}
