package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.worldmodels.train.EvalRequest;
import org.worldmodels.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: held-out NLL per latent dimension of a trained MDN-RNN. */
@Command(
    name = "eval",
    description = "Held-out NLL per latent dimension (nats) on a directory of episodes.")
final class EvalCommand implements Callable<Integer> {
  /** How the request's checks name each setting, and the flag that sets it. */
  private static final Map<String, String> FLAGS = Map.of("batch", "--batch", "data", "--data");

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(names = "--data", required = true, description = "Directory of episode .npz files.")
  Path data;

  @Option(
      names = "--batch",
      description = "Episodes evaluated together (default ${DEFAULT-VALUE}).")
  int batch = EvalRequest.BATCH_DEFAULT;

  @Override
  public Integer call() {
    Evaluator.Figure f =
        Cli.named(
            FLAGS,
            () ->
                Cli.io(
                    "--data " + data,
                    () -> Evaluator.evaluate(new EvalRequest(model, data, batch))));
    Cli.printJson(spec, "nll_per_dim", f.nllPerDim(), "transitions", f.transitions());
    return 0;
  }
}
