package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerKind;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.ModelReference;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.util.Check;
import org.worldmodels.util.OutputDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code control}: CMA-ES on a controller of {@code [z, h]}, in the dream only. */
@Command(name = "control", description = "Train a controller with CMA-ES inside the dream.")
final class ControlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
  int population = 32;

  @Option(names = "--generations", description = "Generations (default ${DEFAULT-VALUE}).")
  int generations = 30;

  @Option(
      names = "--rollouts",
      description = "Dreamed episodes per candidate (default ${DEFAULT-VALUE}).")
  int rollouts = 8;

  @Option(
      names = "--max-steps",
      description = "Dream time limit (default: the data's max_episode_steps).")
  Integer maxSteps;

  @Option(names = "--temperature", description = "Dream temperature (default ${DEFAULT-VALUE}).")
  double temperature = 1.0;

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
  int hiddenUnits = 16;

  @Option(
      names = "--initial-sigma",
      description = "CMA-ES initial step size (default ${DEFAULT-VALUE}).")
  double initialSigma = 0.5;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    // The library checks these too; here, before anything is loaded, the messages name the flags.
    Check.inRange("--population", population, 2, 1_000_000);
    Check.inRange("--generations", generations, 1, 1_000_000);
    Check.inRange("--rollouts", rollouts, 1, 1_000_000);
    if (maxSteps != null) {
      Check.positive("--max-steps", maxSteps);
    }
    Check.positiveFinite("--temperature", temperature);
    if (doneThreshold != null) {
      Check.inRange("--done-threshold", doneThreshold, 0, 1);
    }
    if (haltMargin != null) {
      Check.argument(
          Double.isFinite(haltMargin) && haltMargin > -0.5,
          "--halt-margin " + haltMargin + ": expected a number above -0.5");
    }
    ControllerKind controllerKind;
    try {
      controllerKind = ControllerKind.parse(kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--controller must be linear or mlp, got '" + kind + "'", e);
    }
    Check.positive("--hidden-units", hiddenUnits);
    Check.positiveFinite("--initial-sigma", initialSigma);
    OutputDir.requireNewFile(out);
    try (WorldModel m = WorldModel.load(model)) {
      DataSpec dataSpec = m.spec();
      int steps = maxSteps != null ? maxSteps : requireLimit(dataSpec);
      DreamControlTraining.Settings settings =
          new DreamControlTraining.Settings(
              population, generations, rollouts, steps, initialSigma, seed);
      Dataset starts = Cli.io("--initial " + initial, () -> EpisodeStore.load(initial));
      if (starts.zSize() != m.config().zSize()) {
        throw new IllegalArgumentException(
            "--initial "
                + initial
                + ": z size "
                + starts.zSize()
                + "; the model "
                + model
                + " expects "
                + m.config().zSize());
      }
      ControllerSpec cs =
          ControllerSpec.forModel(
              controllerKind,
              m.config(),
              dataSpec.action(),
              controllerKind == ControllerKind.MLP ? hiddenUnits : 0);
      DreamControlTraining.Result r =
          DreamControlTraining.train(
              cs,
              m::dreamEnv,
              DreamControlTraining.dreamOptions(m, temperature, doneThreshold, haltMargin, seed),
              InitialLatents.from(starts),
              m.config().rewardHead(),
              settings,
              new ConsoleProgress(quiet));
      ControllerFile.of(r.controller(), ModelReference.of(model)).write(out);
      Cli.printJson(spec, "dream_mean_return", r.dreamMeanReturn());
    }
    return 0;
  }

  static int requireLimit(DataSpec spec) {
    if (spec.maxEpisodeSteps() == null) {
      throw new IllegalArgumentException(
          "--max-steps is required: the model's data spec has no max_episode_steps");
    }
    return spec.maxEpisodeSteps();
  }
}
