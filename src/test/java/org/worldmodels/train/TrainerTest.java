package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.util.Progress;

class TrainerTest {
  @TempDir Path tmp;

  static MdnRnnConfig model(int hidden) {
    return new MdnRnnConfig(
        2, 1, hidden, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10);
  }

  static TrainConfig train(int steps) {
    return new TrainConfig(
        25, 32, steps, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 3, 1000, 0.1);
  }

  @Test
  void learnsTheTrueConditionalEntropy() throws Exception {
    Dataset data = Dataset.of(SyntheticEpisodes.generate(400, 25, 1), null);
    List<Episode> heldOut = SyntheticEpisodes.generate(100, 25, 2);
    Trainer.Result r =
        Trainer.train(
            data,
            model(32),
            train(1500),
            tmp.resolve("m"),
            false,
            Trainer.OnNonFinite.STOP,
            Progress.NONE);
    double truth = SyntheticEpisodes.conditionalEntropyPerDim(heldOut);
    double nll;
    try (SequenceGraph g =
        SequenceGraph.forEval(model(32), 25, Checkpoints.load(tmp.resolve("m"), false).weights())) {
      nll = Evaluator.nllPerDim(g, heldOut, 50).nllPerDim();
    }
    System.out.printf(
        "synthetic: held-out nll_per_dim %.4f, true entropy %.4f, gap %.4f%n",
        nll, truth, nll - truth);
    assertThat(nll - truth).isLessThanOrEqualTo(0.05);
    assertThat(nll - truth).isGreaterThanOrEqualTo(-0.03);
    assertThat(r.trainNllPerDim()).isLessThan(truth + 0.05);
  }

  @Test
  void aWarmStartContinuesFromTheGivenWeights() throws Exception {
    Dataset data = Dataset.of(SyntheticEpisodes.generate(40, 25, 1), null);
    Trainer.Result first =
        Trainer.train(
            data,
            model(8),
            train(300),
            tmp.resolve("a"),
            false,
            Trainer.OnNonFinite.STOP,
            Progress.NONE);
    MdnRnnWeights trained = Checkpoints.load(tmp.resolve("a"), false).weights();
    Trainer.Result warm =
        Trainer.trainFrom(
            trained,
            data,
            model(8),
            train(1),
            tmp.resolve("w"),
            false,
            Trainer.OnNonFinite.STOP,
            Progress.NONE);
    Trainer.Result scratch =
        Trainer.train(
            data,
            model(8),
            train(1),
            tmp.resolve("s"),
            false,
            Trainer.OnNonFinite.STOP,
            Progress.NONE);
    System.out.printf(
        "warm start: after 300 steps %.4f, warm +1 %.4f, scratch 1 step %.4f%n",
        first.trainNllPerDim(), warm.trainNllPerDim(), scratch.trainNllPerDim());
    assertThat(warm.trainNllPerDim()).isCloseTo(first.trainNllPerDim(), within(0.1));
    assertThat(scratch.trainNllPerDim()).isGreaterThan(first.trainNllPerDim() + 0.5);
    assertThatThrownBy(
            () ->
                Trainer.trainFrom(
                    trained,
                    data,
                    model(16),
                    train(1),
                    tmp.resolve("x"),
                    false,
                    Trainer.OnNonFinite.STOP,
                    Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial weights");
  }
}
