package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.worldmodels.data.Dataset;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.vision.ModelVae;

/**
 * Trains the MDN-RNN on the collected data with the recipe's {@code train} settings and the
 * library's defaults for everything the recipe does not set; reward and done heads where the data
 * has rewards and terminations. A later round trains on every round's data, from scratch or, with
 * {@code rounds.warm_start}, from the previous round's weights.
 */
final class TrainPhase implements RunPhase {
  @Override
  public String name() {
    return "train";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Dataset data = run.data();
    Recipe.Train tr = run.recipe().train();
    MdnRnnConfig model =
        MdnRnnConfig.withDefaults(
            data.zSize(),
            data.actionSize(),
            tr.hidden(),
            tr.mixtures(),
            data.hasNonZeroReward(),
            data.hasTerminated());
    TrainConfig train =
        new TrainConfig(
            tr.seqLen(),
            tr.batch(),
            tr.steps(),
            tr.lr(),
            tr.lrDecay(),
            TrainConfig.CLIP_KIND_DEFAULT,
            TrainConfig.CLIP_DEFAULT,
            run.seed(),
            TrainConfig.CHECKPOINT_EVERY_DEFAULT,
            TrainConfig.VALIDATION_FRACTION_DEFAULT,
            tr.burnIn());
    // From pixels the model keeps its own copy of V, as train does.
    ModelVae.adopt(run.latentDir(), data.spec(), run.modelDir());
    Trainer.trainFrom(
        warmStart(run, model),
        data,
        model,
        train,
        run.modelDir(),
        // A killed run's checkpoint (run --resume): the model directory holds nothing else, since a
        // later round moves the previous round's model away before training.
        Checkpoints.exists(run.modelDir()),
        Trainer.OnNonFinite.STOP,
        run.progress());
    Files.copy(
        run.modelDir().resolve("loss.png"),
        run.plotsDir().resolve("training.png"),
        StandardCopyOption.REPLACE_EXISTING);
    restore(run, null);
  }

  /** The report section; its plot was copied when the phase finished. */
  @Override
  public void restore(RunContext run, JsonNode saved) {
    run.report().add("Training of the MDN-RNN", "![training](plots/training.png)\n");
  }

  /**
   * The previous round's weights when the recipe asks for a warm start and they fit {@code model}
   * (a head that appears with the new data changes the shape: then null, from scratch).
   */
  private static MdnRnnWeights warmStart(RunContext run, MdnRnnConfig model) {
    if (run.round() == 0 || !run.recipe().roundsOrOne().warmStart()) {
      return null;
    }
    Checkpoint previous = Checkpoints.load(run.roundDir(run.round() - 1).resolve("model"), false);
    return previous.metadata().model().equals(model) ? previous.weights() : null;
  }
}
