package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Progress;

/**
 * CMA-ES in the dream: batched, reproducible, never touching a real environment, and actually
 * improving the controller where the dream's return depends on the action.
 */
class DreamControlTrainingTest {
  @TempDir Path tmp;

  static final CmaesSearch.Settings SETTINGS = new CmaesSearch.Settings(6, 3, 0.5, 7);

  static CmaesSearch.Result train(WorldModel m, Function<DreamOptions, DreamEnv> dreams)
      throws Exception {
    ControllerSpec spec = ControllerSpec.linear(2, m.config().hidden(), m.spec().action());
    InitialLatents starts =
        InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(5, 3, 1), null));
    try (PopulationScorer scorer =
        new DreamPopulationScorer(
            dreams, DreamOptions.builder().seed(3).build(), starts, 5, false, 2, 0)) {
      return new CmaesSearch(spec, SETTINGS).run(scorer, Progress.NONE);
    }
  }

  @Test
  void everyRolloutRunsInTheSuppliedDreamOnly() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      List<Integer> batches = new ArrayList<>();
      CmaesSearch.Result r =
          train(
              m,
              o -> {
                batches.add(o.batchSize());
                return m.dreamEnv(o);
              });
      // One batched dream per generation (population x rollouts rows) and one for the final score.
      assertThat(batches).containsExactly(12, 12, 12, 2);
      assertThat(r.history()).hasSize(3);
      // No done head: every rollout survives all 5 steps.
      assertThat(r.dreamMeanReturn()).isEqualTo(5.0);
    }
  }

  @Test
  void anIncumbentCostsTwelveDreamsOfOneCandidate() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      List<Integer> batches = new ArrayList<>();
      InitialLatents starts =
          InitialLatents.from(Dataset.of(SyntheticEpisodes.generate(5, 3, 1), null));
      ControllerSpec spec = ControllerSpec.linear(2, m.config().hidden(), m.spec().action());
      try (PopulationScorer scorer =
          new DreamPopulationScorer(
              o -> {
                batches.add(o.batchSize());
                return m.dreamEnv(o);
              },
              DreamOptions.builder().seed(3).build(),
              starts,
              5,
              false,
              2,
              0)) {
        CmaesSearch.Result r =
            new CmaesSearch(spec, SETTINGS)
                .keepingUnlessBeaten(new double[spec.parameterCount()])
                .run(scorer, Progress.NONE);
        // The generations (6 x 2 rows each), then the mean and the incumbent on 4 generations'
        // dreams each and the one kept on 4 more: one candidate's 2 rollouts at a time.
        List<Integer> expected = new ArrayList<>(List.of(12, 12, 12));
        expected.addAll(java.util.Collections.nCopies(3 * 4, 2));
        assertThat(batches).isEqualTo(expected);
        // No done head and no reward head: every controller survives all 5 steps, a tie, and a
        // tie keeps the incumbent.
        assertThat(r.chosen()).isEqualTo("incumbent");
        assertThat(r.dreamMeanReturn()).isEqualTo(5.0);
      }
    }
  }

  @Test
  void aStrongIncumbentIsKeptAndAWeakOneIsNot() throws Exception {
    ControllerSpec spec = SignWorld.linear();
    try (WorldModel m = SignWorld.model();
        PopulationScorer scorer = signScorer(m)) {
      double[] good = new double[spec.parameterCount()];
      good[0] = 4; // a = tanh(4 z): most of the reward, far beyond one generation from zero
      CmaesSearch.Settings one = new CmaesSearch.Settings(6, 1, 0.5, 11);
      CmaesSearch.Result kept =
          new CmaesSearch(spec, one).keepingUnlessBeaten(good).run(scorer, Progress.NONE);
      assertThat(kept.chosen()).isEqualTo("incumbent");
      assertThat(kept.controller().parameters()).isEqualTo(good);

      double[] bad = good.clone();
      bad[0] = -4; // always the wrong action
      CmaesSearch.Result replaced =
          new CmaesSearch(spec, one).keepingUnlessBeaten(bad).run(scorer, Progress.NONE);
      assertThat(replaced.chosen()).isEqualTo("mean");
      assertThat(replaced.dreamMeanReturn())
          .isGreaterThan(mean(scorer.score(spec, new double[][] {bad}, 1)[0]));
    }
  }

  @Test
  void trainingCodeDoesNotReferenceTheRealEnvironments() throws Exception {
    for (Class<?> c :
        List.of(
            DreamControlTraining.class,
            DreamRolloutScores.class,
            DreamPopulationScorer.class,
            PopulationScorer.class,
            CmaesSearch.class,
            CmaesCheckpoint.class,
            ControlRequest.class)) {
      try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
        String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(c.getName()).doesNotContain("org/worldmodels/env/");
      }
    }
  }

  @Test
  void sameSeedGivesTheSameController() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      double[] a = train(m, m::dreamEnv).controller().parameters();
      double[] b = train(m, m::dreamEnv).controller().parameters();
      assertThat(b).isEqualTo(a);
    }
  }

  /** Scores in the sign world: 4 rollouts of 10 steps per candidate. */
  static PopulationScorer signScorer(WorldModel m) {
    return new DreamPopulationScorer(
        m::dreamEnv, DreamOptions.builder().seed(5).build(), SignWorld.starts(), 10, true, 4, 0);
  }

  @Test
  void cmaesImprovesTheDreamReturnWhenItDependsOnTheAction() throws Exception {
    ControllerSpec spec = SignWorld.linear();
    try (WorldModel m = SignWorld.model();
        PopulationScorer scorer = signScorer(m)) {
      double[][] zero = scorer.score(spec, new double[][] {new double[spec.parameterCount()]}, 0);
      // a = tanh(0) = 0 writes nothing into the cell: exactly no reward.
      assertThat(zero[0]).containsOnly(0.0);
      // A controller acting a = tanh(4 z) earns most of the 10 available per episode.
      double[] good = new double[spec.parameterCount()];
      good[0] = 4;
      double goodReturn = mean(scorer.score(spec, new double[][] {good}, 0)[0]);
      assertThat(goodReturn).isGreaterThan(5);

      CmaesSearch.Result r =
          new CmaesSearch(spec, new CmaesSearch.Settings(8, 12, 0.5, 11))
              .run(scorer, Progress.NONE);
      List<CmaesSearch.Generation> h = r.history();
      assertThat(h.get(h.size() - 1).meanReturn())
          .as("population mean return, last generation against the first")
          .isGreaterThan(h.get(0).meanReturn() + 5);
      assertThat(r.dreamMeanReturn()).as("final mean's dream return").isGreaterThan(7);
      // It learned to act on z, the only input that tells which action pays.
      assertThat(r.controller().parameters()[0]).isGreaterThan(1);
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private Path initial(int zSize) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("initial-" + zSize));
    for (int i = 0; i < 3; i++) {
      float[][] z = new float[3][zSize];
      z[0][0] = i - 1;
      EpisodeStore.write(
          dir.resolve(EpisodeStore.fileName(i)), Episode.ofTransitions(z, new float[2][1]));
    }
    return dir;
  }

  @Test
  void aRequestTrainsAndWritesTheControllerFile() throws Exception {
    Path out = tmp.resolve("c.json");
    ControlRequest request =
        ControlRequest.builder(TrainedModels.bimodal(), initial(2), out)
            .controller(ControllerKind.MLP)
            .hiddenUnits(3)
            .population(4)
            .generations(2)
            .rollouts(1)
            .maxSteps(4)
            .seed(2)
            .build();
    CmaesSearch.Result r = DreamControlTraining.run(request, Progress.NONE);
    ControllerFile file = ControllerFile.read(out);
    assertThat(file.parameters()).isEqualTo(r.controller().parameters());
    assertThat(file.spec().kind()).isEqualTo(ControllerKind.MLP);
    assertThat(r.history()).hasSize(2);
    assertThatThrownBy(() -> DreamControlTraining.run(request, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file exists");
  }

  private ControlRequest.Builder small(Path initial, String out) {
    return ControlRequest.builder(TrainedModels.bimodal(), initial, tmp.resolve(out))
        .population(4)
        .rollouts(1)
        .maxSteps(3)
        .seed(5);
  }

  @Test
  void aRequestWithAStateFileResumesWhereItStopped() throws Exception {
    Path initial = initial(2);
    Path state = tmp.resolve("state.json");
    CmaesSearch.Result straight =
        DreamControlTraining.run(small(initial, "a.json").generations(3).build(), Progress.NONE);
    DreamControlTraining.run(
        small(initial, "b.json").generations(2).state(state).build(), Progress.NONE);
    CmaesSearch.Result resumed =
        DreamControlTraining.run(
            small(initial, "c.json").generations(3).state(state).build(), Progress.NONE);
    assertThat(resumed.controller().parameters()).isEqualTo(straight.controller().parameters());
    assertThat(resumed.history()).isEqualTo(straight.history());
    assertThat(CmaesCheckpoint.read(state).history()).hasSize(3);
  }

  @Test
  void initialEpisodesOfAnotherZSizeAreRefusedBeforeAnyDream() throws Exception {
    Path wide = initial(3);
    ControlRequest request =
        ControlRequest.builder(TrainedModels.bimodal(), wide, tmp.resolve("c.json"))
            .maxSteps(4)
            .build();
    assertThatThrownBy(() -> DreamControlTraining.run(request, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "initial " + wide + ": z size 3; the model " + TrainedModels.bimodal() + " expects 2");
    assertThat(tmp.resolve("c.json")).doesNotExist();
  }

  @Test
  void aContextStartsTheDreamsLaterAndNeedsEpisodesLongerThanIt() throws Exception {
    Path initial = initial(2); // episodes of 2 steps
    CmaesSearch.Result r =
        DreamControlTraining.run(
            small(initial, "k1.json").generations(2).context(1).build(), Progress.NONE);
    assertThat(r.history()).hasSize(2);
    assertThat(tmp.resolve("k1.json")).exists();
    assertThatThrownBy(
            () ->
                DreamControlTraining.run(
                    small(initial, "k2.json").generations(2).context(2).build(), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context 2: no episode of initial "
                + initial
                + " is longer than 2 steps (the longest has 2)");
    assertThat(tmp.resolve("k2.json")).doesNotExist();
  }

  @Test
  void requestChecksNameTheKey() {
    Path p = tmp.resolve("x");
    assertThatThrownBy(() -> ControlRequest.builder(p, p, p).population(1).build())
        .hasMessageStartingWith("population must be");
    assertThatThrownBy(() -> ControlRequest.builder(p, p, p).haltMargin(-0.5).build())
        .hasMessage("halt_margin -0.5: expected a number above -0.5");
    assertThatThrownBy(
            () ->
                ControlRequest.builder(p, p, p)
                    .controller(ControllerKind.MLP)
                    .hiddenUnits(0)
                    .build())
        .hasMessageStartingWith("hidden_units must be");
    assertThatThrownBy(() -> ControlRequest.builder(p, p, p).context(-1).build())
        .hasMessage("context -1: expected >= 0 steps");
    // A linear controller has no hidden units, so the recipes' "hidden_units": 0 is fine.
    assertThat(ControlRequest.builder(p, p, p).hiddenUnits(0).build().hiddenUnits()).isZero();
  }
}
