package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.train.EvalRequest;
import org.worldmodels.train.Evaluator;
import org.worldmodels.train.OpenLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: held-out NLL per latent dimension of a trained MDN-RNN and, with {@code --horizon},
 * its open-loop error per horizon.
 */
@Command(
    name = "eval",
    description =
        "Held-out NLL per latent dimension (nats) on a directory of episodes; with --horizon, the"
            + " open-loop RMSE of the mean prediction at each horizon 1..H.")
final class EvalCommand implements Callable<Integer> {
  /** How the request's checks name each setting, and the flag that sets it. */
  private static final Map<String, String> FLAGS =
      Map.of("batch", "--batch", "data", "--data", "horizon", "--horizon", "context", "--context");

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(names = "--data", required = true, description = "Directory of episode .npz files.")
  Path data;

  @Option(
      names = "--batch",
      description = "Episodes evaluated together (default ${DEFAULT-VALUE}).")
  int batch = EvalRequest.BATCH_DEFAULT;

  @Option(
      names = "--horizon",
      description =
          "Adds open_loop_rmse and open_loop_count for horizons 1..H, H in [1, "
              + OpenLoop.MAX_HORIZON
              + "].")
  Integer horizon;

  @Option(
      names = "--context",
      description =
          "Recorded steps fed before the first open-loop start (default "
              + OpenLoop.CONTEXT_DEFAULT
              + "); needs --horizon.")
  Integer context;

  @Override
  public Integer call() {
    Evaluator.Figure f =
        Cli.named(
            FLAGS,
            () -> {
              EvalRequest request = new EvalRequest(model, data, batch, openLoop());
              return Cli.io("--data " + data, () -> Evaluator.evaluate(request));
            });
    if (f.openLoop() == null) {
      Cli.printJson(spec, "nll_per_dim", f.nllPerDim(), "transitions", f.transitions());
    } else {
      Cli.printJson(
          spec,
          "nll_per_dim",
          f.nllPerDim(),
          "transitions",
          f.transitions(),
          "open_loop_rmse",
          f.openLoop().rmse(),
          "open_loop_count",
          f.openLoop().count());
    }
    return 0;
  }

  private OpenLoop.Settings openLoop() {
    if (horizon == null) {
      if (context != null) {
        throw new IllegalArgumentException("--context " + context + " needs --horizon");
      }
      return null;
    }
    return new OpenLoop.Settings(
        horizon, context == null ? OpenLoop.CONTEXT_DEFAULT : context.intValue());
  }
}
