package org.worldmodels.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.ControllerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code control}: CMA-ES on a controller of {@code [z, h]}, in the dream only. */
@Command(name = "control", description = "Train a controller with CMA-ES inside the dream.")
final class ControlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(
      names = "--initial",
      required = true,
      description = "Episodes whose z[0] start the dreams.")
  Path initial;

  @Option(names = "--out", required = true, description = "New controller JSON file.")
  Path out;

  @Option(names = "--population", description = "CMA-ES population (default ${DEFAULT-VALUE}).")
  int population = ControlRequest.POPULATION_DEFAULT;

  @Option(names = "--generations", description = "Generations (default ${DEFAULT-VALUE}).")
  int generations = ControlRequest.GENERATIONS_DEFAULT;

  @Option(
      names = "--rollouts",
      description = "Dreamed episodes per candidate (default ${DEFAULT-VALUE}).")
  int rollouts = ControlRequest.ROLLOUTS_DEFAULT;

  @Option(
      names = "--max-steps",
      description = "Dream time limit (default: the data's max_episode_steps).")
  Integer maxSteps;

  @Option(names = "--temperature", description = "Dream temperature (default ${DEFAULT-VALUE}).")
  double temperature = ControlRequest.TEMPERATURE_DEFAULT;

  @Option(
      names = "--done-threshold",
      description = "End a dreamed episode when P(done) exceeds this, instead of sampling done.")
  Double doneThreshold;

  @Option(
      names = "--halt-margin",
      description =
          "End a dreamed episode when a latent leaves the model's training-data range, widened by"
              + " this fraction of its width on each side (negative: shrunk; default: never).")
  Double haltMargin;

  @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--controller", description = "linear or mlp (default ${DEFAULT-VALUE}).")
  String kind = "linear";

  @Option(
      names = "--hidden-units",
      description = "Hidden units of an mlp controller (default ${DEFAULT-VALUE}).")
  int hiddenUnits = ControlRequest.HIDDEN_UNITS_DEFAULT;

  @Option(
      names = "--initial-sigma",
      description = "CMA-ES initial step size (default ${DEFAULT-VALUE}).")
  double initialSigma = ControlRequest.INITIAL_SIGMA_DEFAULT;

  @Option(
      names = "--state",
      description =
          "CMA-ES state file: written after the last generation and often before it; if it"
              + " exists, the search resumes from it with the same bits.")
  Path state;

  @Option(
      names = "--context",
      description =
          "Condition each dream on this many recorded steps, starting it at z[K] of an --initial"
              + " episode longer than K (default ${DEFAULT-VALUE}).")
  int context;

  @Option(
      names = "--incumbent",
      description =
          "A controller file of the same kind and size (e.g. a previous round's): kept, and"
              + " written to --out, unless the search's final mean beats it on the same dreams.")
  Path incumbent;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  /** Keys the library's checks name, to the flags that set them. */
  private static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("initial", "--initial"),
          Map.entry("hidden_units", "--hidden-units"),
          Map.entry("population", "--population"),
          Map.entry("generations", "--generations"),
          Map.entry("rollouts", "--rollouts"),
          Map.entry("max_steps", "--max-steps"),
          Map.entry("temperature", "--temperature"),
          Map.entry("done_threshold", "--done-threshold"),
          Map.entry("halt_margin", "--halt-margin"),
          Map.entry("initial_sigma", "--initial-sigma"),
          Map.entry("context", "--context"),
          Map.entry("incumbent", "--incumbent"));

  @Override
  public Integer call() throws Exception {
    ControllerKind controllerKind = ControllerKind.parse(kind, "--controller");
    ControlRequest request =
        Cli.named(
            FLAGS,
            () ->
                ControlRequest.builder(model, initial, out)
                    .controller(controllerKind)
                    .hiddenUnits(hiddenUnits)
                    .population(population)
                    .generations(generations)
                    .rollouts(rollouts)
                    .maxSteps(maxSteps)
                    .temperature(temperature)
                    .doneThreshold(doneThreshold)
                    .haltMargin(haltMargin)
                    .initialSigma(initialSigma)
                    .context(context)
                    .seed(seed)
                    .state(state)
                    .incumbent(incumbent)
                    .build());
    CmaesSearch.Result r =
        Cli.named(
            FLAGS,
            () -> {
              try {
                return engine.control(request, new ConsoleProgress(quiet));
              } catch (IOException e) {
                throw new UncheckedIOException(e); // Main reports the cause, exit 1
              }
            });
    if (incumbent != null) {
      Cli.printJson(spec, "dream_mean_return", r.dreamMeanReturn(), "chosen", r.chosen());
    } else {
      Cli.printJson(spec, "dream_mean_return", r.dreamMeanReturn()); // the contract's line
    }
    return 0;
  }
}
