package org.worldmodels.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.train.Evaluator;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: held-out NLL per latent dimension of a trained MDN-RNN. */
@Command(
    name = "eval",
    description = "Held-out NLL per latent dimension (nats) on a directory of episodes.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory from train.")
  Path model;

  @Option(names = "--data", required = true, description = "Directory of episode .npz files.")
  Path data;

  @Option(
      names = "--batch",
      description = "Episodes evaluated together (default ${DEFAULT-VALUE}).")
  int batch = 100;

  @Override
  public Integer call() {
    Check.inRange("--batch", batch, 1, 1_000_000);
    Checkpoint ckpt = Checkpoints.load(model, false);
    Dataset dataset = Cli.io("--data " + data, () -> EpisodeStore.load(data));
    MdnRnnConfig c = ckpt.metadata().model();
    if (dataset.zSize() != c.zSize() || dataset.actionSize() != c.actionSize()) {
      throw new IllegalArgumentException(
          "--data "
              + data
              + ": z size "
              + dataset.zSize()
              + ", action size "
              + dataset.actionSize()
              + "; the model "
              + model
              + " expects "
              + c.zSize()
              + " and "
              + c.actionSize());
    }
    int seqLen = Trainer.trainConfigOf(ckpt.metadata().train()).seqLen();
    List<Episode> episodes = new ArrayList<>(dataset.size());
    for (int i = 0; i < dataset.size(); i++) {
      episodes.add(dataset.episode(i));
    }
    try (SequenceGraph g = SequenceGraph.forEval(c, seqLen, ckpt.weights())) {
      Evaluator.Figure f = Evaluator.nllPerDim(g, episodes, batch);
      Cli.printJson(spec, "nll_per_dim", f.nllPerDim(), "transitions", f.transitions());
    }
    return 0;
  }
}
