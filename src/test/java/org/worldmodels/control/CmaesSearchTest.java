package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.WorldModel;
import org.worldmodels.util.Progress;

/** The CMA-ES loop's state file: written as the search goes, resumed from with the same bits. */
class CmaesSearchTest {
  @TempDir Path tmp;

  private static CmaesSearch.Settings settings(int generations) {
    return new CmaesSearch.Settings(6, generations, 0.5, 13);
  }

  @Test
  void aSearchResumedAfterTwoGenerationsEndsWithTheBitsOfOneThatNeverStopped() throws Exception {
    ControllerSpec spec = SignWorld.linear();
    Path straight = tmp.resolve("straight.json");
    Path split = tmp.resolve("split.json");
    try (WorldModel m = SignWorld.model();
        PopulationScorer scorer = DreamControlTrainingTest.signScorer(m)) {
      CmaesSearch.Result a =
          new CmaesSearch(spec, settings(4)).checkpointingTo(straight).run(scorer, Progress.NONE);
      CmaesSearch.Result first =
          new CmaesSearch(spec, settings(2)).checkpointingTo(split).run(scorer, Progress.NONE);
      assertThat(CmaesCheckpoint.read(split).state().generation()).isEqualTo(2);
      CmaesSearch.Result b =
          new CmaesSearch(spec, settings(4)).checkpointingTo(split).run(scorer, Progress.NONE);

      assertThat(b.controller().parameters()).isEqualTo(a.controller().parameters());
      assertThat(Double.compare(b.dreamMeanReturn(), a.dreamMeanReturn())).isZero();
      assertThat(b.history()).isEqualTo(a.history()).hasSize(4);
      assertThat(b.history().subList(0, 2)).isEqualTo(first.history());
      assertThat(CmaesCheckpoint.read(split)).isEqualTo(CmaesCheckpoint.read(straight));
      // And it moved: the state is not the initial one.
      assertThat(a.controller().parameters()).isNotEqualTo(new double[spec.parameterCount()]);
    }
  }

  @Test
  void aSearchWithAnIncumbentResumedFromItsFinalStateKeepsTheSameController() throws Exception {
    ControllerSpec spec = SignWorld.linear();
    Path file = tmp.resolve("state.json");
    try (WorldModel m = SignWorld.model();
        PopulationScorer scorer = DreamControlTrainingTest.signScorer(m)) {
      double[] incumbent = new double[spec.parameterCount()];
      incumbent[0] = 0.5; // a = tanh(z / 2): acts the right way, weakly
      CmaesSearch search =
          new CmaesSearch(spec, settings(3)).checkpointingTo(file).keepingUnlessBeaten(incumbent);
      CmaesSearch.Result a = search.run(scorer, Progress.NONE);
      // The state file holds the finished search: running again only compares again.
      CmaesSearch.Result b = search.run(scorer, Progress.NONE);
      assertThat(b.chosen()).isEqualTo(a.chosen()).isIn("mean", "incumbent");
      assertThat(b.controller().parameters()).isEqualTo(a.controller().parameters());
      assertThat(Double.compare(b.dreamMeanReturn(), a.dreamMeanReturn())).isZero();
      // Without the incumbent, the same finished state ends with its mean, as always.
      CmaesSearch.Result plain =
          new CmaesSearch(spec, settings(3)).checkpointingTo(file).run(scorer, Progress.NONE);
      assertThat(plain.chosen()).isEqualTo("mean");
      assertThat(plain.controller().parameters())
          .isEqualTo(CmaesCheckpoint.read(file).state().mean());
    }
  }

  @Test
  void anIncumbentOfAnotherSizeIsRefused() {
    ControllerSpec spec = SignWorld.linear();
    CmaesSearch search = new CmaesSearch(spec, settings(3));
    double[] wrong = new double[spec.parameterCount() + 1];
    assertThatThrownBy(() -> search.keepingUnlessBeaten(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incumbent controller has " + wrong.length + " parameters")
        .hasMessageContaining("expected " + spec.parameterCount());
  }

  @Test
  void aStateFileReadsBackBitwise() throws Exception {
    Cmaes es = new Cmaes(CmaesConfig.of(3, 0.7, 4));
    for (int g = 0; g < 3; g++) {
      double[][] x = es.ask();
      double[] f = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        f[k] = x[k][0] * x[k][0] + Math.PI * x[k][1] - x[k][2] / 3;
      }
      es.tell(x, f);
    }
    var history =
        java.util.List.of(
            new CmaesSearch.Generation(1, 0.1, -1 / 3.0, 0.7),
            new CmaesSearch.Generation(2, Math.E, Double.MIN_VALUE, 0.6),
            new CmaesSearch.Generation(3, 1e300, -0.0, 0.5));
    CmaesCheckpoint c = new CmaesCheckpoint(es.state(), history);
    Path f = tmp.resolve("s.json");
    c.write(f);
    CmaesCheckpoint back = CmaesCheckpoint.read(f);
    assertThat(back.state()).isEqualTo(es.state());
    assertThat(back.history()).isEqualTo(history);
    assertThat(Files.readString(f)).contains("\"format\":\"worldmodels-cmaes-state\"");
  }

  @Test
  void theStateOfAnotherSearchIsRefused() throws Exception {
    ControllerSpec spec = SignWorld.linear();
    Path state = tmp.resolve("s.json");
    try (WorldModel m = SignWorld.model();
        PopulationScorer scorer = DreamControlTrainingTest.signScorer(m)) {
      new CmaesSearch(spec, settings(2)).checkpointingTo(state).run(scorer, Progress.NONE);
      CmaesSearch otherSeed =
          new CmaesSearch(spec, new CmaesSearch.Settings(6, 4, 0.5, 14)).checkpointingTo(state);
      assertThatThrownBy(() -> otherSeed.run(scorer, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(state.toString())
          .hasMessageContaining("seed=13")
          .hasMessageContaining("seed=14");
      CmaesSearch shorter = new CmaesSearch(spec, settings(1)).checkpointingTo(state);
      assertThatThrownBy(() -> shorter.run(scorer, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2 generations done, more than the 1 asked for");
    }
  }

  @Test
  void aStateFileOfAnotherFormatIsRefused() throws Exception {
    Path f = tmp.resolve("s.json");
    Files.writeString(f, "{\"format\": \"worldmodels-controller\", \"format_version\": 1}");
    assertThatThrownBy(() -> CmaesCheckpoint.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(f + ": format 'worldmodels-controller'; expected 'worldmodels-cmaes-state'");
  }
}
