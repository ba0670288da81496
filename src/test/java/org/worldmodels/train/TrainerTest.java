package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Batch;
import org.worldmodels.data.BatchPlan;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.SequenceGraph;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;
import org.worldmodels.util.Seeds;

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

  /**
   * Burn-in steps (mask 0) add context but no loss: other targets there change neither the loss nor
   * a gradient, while other inputs there change both (they reach the scored steps' state).
   */
  @Test
  void burnInStepsFeedTheStateButAddNoLoss() {
    int seqLen = 5;
    int burnIn = 4;
    Dataset data = Dataset.of(SyntheticEpisodes.generate(12, 17, 6), null);
    int[] all = java.util.stream.IntStream.range(0, 12).toArray();
    Batch b = new BatchPlan(data, all, seqLen, burnIn, 8, 1).batchAt(0);
    int rows = b.batchSize();
    int fedCells = 0;
    for (int r = 0; r < rows; r++) {
      fedCells += b.burnInOf(r);
    }
    assertThat(fedCells).as("the batch has burn-in steps").isPositive();
    MdnRnnWeights w = MdnRnnWeights.initial(model(8), Seeds.stream(2, 3));
    try (SequenceGraph g =
        SequenceGraph.forTraining(
            model(8), seqLen + burnIn, w, AdamConfig.defaults(Clip.NONE), null)) {
      SequenceGraph.Window base = Trainer.window(b);
      double loss = g.loss(base);
      java.util.Map<String, float[]> grads = g.gradients(base);

      float[] zNext = base.zNext().clone();
      float[] reward = base.reward().clone();
      float[] done = base.done().clone();
      float[] z = base.z().clone();
      java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
      for (int cell = 0; cell < base.mask().length; cell++) {
        if (base.mask()[cell] == 0f) {
          zNext[cell * 2] = (float) rng.nextGaussian() * 5;
          zNext[cell * 2 + 1] = (float) rng.nextGaussian() * 5;
          reward[cell] = 7f;
          done[cell] = 1f;
          z[cell * 2] += 1f;
        }
      }
      SequenceGraph.Window otherTargets =
          new SequenceGraph.Window(rows, base.z(), base.action(), zNext, reward, done, base.mask());
      assertThat(g.loss(otherTargets)).isEqualTo(loss);
      java.util.Map<String, float[]> other = g.gradients(otherTargets);
      for (String k : grads.keySet()) {
        assertThat(other.get(k)).as(k).containsExactly(grads.get(k));
      }
      SequenceGraph.Window otherInputs =
          new SequenceGraph.Window(
              rows, z, base.action(), base.zNext(), base.reward(), base.done(), base.mask());
      assertThat(g.loss(otherInputs)).isNotEqualTo(loss);
    }
  }

  @Test
  void checkpointsOfBeforeBurnInReadAsBurnInZero() {
    com.fasterxml.jackson.databind.node.ObjectNode tree = Json.valueToTree(train(10).withBurnIn(3));
    assertThat(Trainer.trainConfigOf(tree).burnIn()).isEqualTo(3);
    tree.remove("burnIn");
    assertThat(Trainer.trainConfigOf(tree)).isEqualTo(train(10));
  }
}
