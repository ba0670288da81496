package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;

/** {@code eval} as a library call: the request's checks, the size check, and the figure. */
class EvaluatorTest {
  @TempDir Path tmp;

  private Path data(List<Episode> episodes) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    for (int i = 0; i < episodes.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), episodes.get(i));
    }
    return dir;
  }

  private static DataSpec spec(int zSize) {
    return new DataSpec(zSize, new ActionSpec.Box(new double[] {-1}, new double[] {1}), 12, "t");
  }

  @Test
  void requestRefusesWhatItCanCheckWithoutFiles() {
    assertThatThrownBy(() -> new EvalRequest(tmp, tmp, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("batch must be in [1, 1000000], got 0");
    assertThatThrownBy(() -> new EvalRequest(null, tmp, 1))
        .hasMessage("model directory must be given");
  }

  @Test
  void evaluatesEveryTransitionAndTheBatchOnlyGroupsEpisodes() throws Exception {
    List<Episode> episodes = SyntheticEpisodes.generate(5, 9, 4);
    Path data = data(episodes);
    Path model = TinyModel.write(tmp.resolve("model"), spec(2), 4, 1);
    Evaluator.Figure all = Evaluator.evaluate(new EvalRequest(model, data, 100));
    Evaluator.Figure ones = Evaluator.evaluate(new EvalRequest(model, data, 1));
    assertThat(all.transitions()).isEqualTo(5 * 9);
    assertThat(all.nllPerDim()).isFinite();
    assertThat(ones.nllPerDim())
        .isCloseTo(all.nllPerDim(), org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void dataOfAnotherLatentSizeIsRefusedNamingBothSizes() throws Exception {
    Path data = data(SyntheticEpisodes.generate(2, 5, 4));
    Path model = TinyModel.write(tmp.resolve("model"), spec(3), 4, 1);
    assertThatThrownBy(() -> Evaluator.evaluate(new EvalRequest(model, data, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "data " + data + ": z size 2, action size 1; the model " + model + " expects 3 and 1");
  }

  @Test
  void openLoopIsAddedOnlyWhenAskedAndIsTheCellsOnTheData() throws Exception {
    List<Episode> episodes = SyntheticEpisodes.generate(4, 9, 4);
    Path data = data(episodes);
    Path model = TinyModel.write(tmp.resolve("model"), spec(2), 4, 1);
    Evaluator.Figure plain = Evaluator.evaluate(new EvalRequest(model, data, 100));
    assertThat(plain.openLoop()).isNull();
    OpenLoop.Settings settings = new OpenLoop.Settings(4, 2);
    Evaluator.Figure open = Evaluator.evaluate(new EvalRequest(model, data, 100, settings));
    assertThat(open.nllPerDim()).isEqualTo(plain.nllPerDim());
    org.worldmodels.rnn.Checkpoint ckpt = org.worldmodels.rnn.Checkpoints.load(model, false);
    MeanPredictor cell =
        MeanPredictor.of(
            new org.worldmodels.rnn.MdnRnnCell(ckpt.metadata().model(), ckpt.weights()));
    // The files hold the episodes in file-name order, as generated.
    assertThat(open.openLoop()).isEqualTo(OpenLoop.of(cell, episodes, settings));
    assertThat(open.openLoop().count()).containsExactly(4 * 7, 4 * 6, 4 * 5, 4 * 4);
  }

  @Test
  void aContextThatLeavesNoStartIsRefusedNamingTheData() throws Exception {
    Path data = data(SyntheticEpisodes.generate(2, 5, 4));
    Path model = TinyModel.write(tmp.resolve("model"), spec(2), 4, 1);
    EvalRequest request = new EvalRequest(model, data, 10, new OpenLoop.Settings(3, 5));
    assertThatThrownBy(() -> Evaluator.evaluate(request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context 5 leaves no start for the open-loop error of horizon 3: no episode of data "
                + data
                + " has more than 5 transitions (the longest has 5)");
  }

  /**
   * Windows of 4 cut from episodes of 9: [0, 4) starts the episode, [4, 8) and [8, 9) do not. With
   * the state carried, the positions pool to the held-out figure; from zero state, only the windows
   * that start mid-episode change.
   */
  @Test
  void nllByPositionSplitsWindowsByWhereTheyStart() throws Exception {
    List<Episode> episodes = SyntheticEpisodes.generate(5, 9, 4);
    Path model = TinyModel.write(tmp.resolve("model"), spec(2), 4, 1);
    org.worldmodels.rnn.Checkpoint ckpt = org.worldmodels.rnn.Checkpoints.load(model, false);
    try (org.worldmodels.rnn.SequenceGraph g =
        org.worldmodels.rnn.SequenceGraph.forEval(ckpt.metadata().model(), 4, ckpt.weights())) {
      Evaluator.Positions carried = Evaluator.nllByPosition(g, episodes, 3, true);
      Evaluator.Positions zero = Evaluator.nllByPosition(g, episodes, 3, false);
      assertThat(carried.episodeStartCount()).containsExactly(5, 5, 5, 5);
      assertThat(carried.midEpisodeCount()).containsExactly(10, 5, 5, 5);
      assertThat(zero.midEpisodeCount()).containsExactly(10, 5, 5, 5);
      double pooled = 0;
      for (int p = 0; p < 4; p++) {
        pooled += carried.episodeStart()[p] * carried.episodeStartCount()[p];
        pooled += carried.midEpisode()[p] * carried.midEpisodeCount()[p];
      }
      assertThat(pooled / 45)
          .isCloseTo(
              Evaluator.nllPerDim(g, episodes, 3).nllPerDim(),
              org.assertj.core.data.Offset.offset(1e-5));
      assertThat(zero.episodeStart()).containsExactly(carried.episodeStart());
      for (int p = 0; p < 4; p++) {
        assertThat(zero.midEpisode()[p]).as("position " + p).isNotEqualTo(carried.midEpisode()[p]);
      }
    }
  }
}
