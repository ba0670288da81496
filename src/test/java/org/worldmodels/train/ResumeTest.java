package org.worldmodels.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.worldmodels.data.Dataset;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.util.Progress;

/** A run stopped and resumed ends with the same bits as one that never stopped. */
class ResumeTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "burn-in {0}")
  @ValueSource(ints = {0, 6})
  void resumedRunEqualsUninterruptedRun(int burnIn) throws Exception {
    Dataset data = Dataset.of(SyntheticEpisodes.generate(60, 30, 5), null);
    TrainConfig full =
        new TrainConfig(20, 8, 160, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 11, 8, 0.1)
            .withBurnIn(burnIn);
    Path a = tmp.resolve("a");
    Trainer.train(
        data, TrainerTest.model(8), full, a, false, Trainer.OnNonFinite.STOP, Progress.NONE);

    Path b = tmp.resolve("b");
    // Stop after 96 steps, then resume to 160 (validations at epoch ends, checkpoints every 8).
    Trainer.train(
        data,
        TrainerTest.model(8),
        full.withSteps(96),
        b,
        false,
        Trainer.OnNonFinite.STOP,
        Progress.NONE);
    assertThat(Checkpoints.metadata(b).step()).isEqualTo(96);
    Trainer.train(
        data, TrainerTest.model(8), full, b, true, Trainer.OnNonFinite.STOP, Progress.NONE);

    Path ca = Checkpoints.latestDir(a);
    Path cb = Checkpoints.latestDir(b);
    assertThat(ca.getFileName()).isEqualTo(cb.getFileName());
    assertThat(Files.readAllBytes(cb.resolve(Checkpoints.WEIGHTS)))
        .isEqualTo(Files.readAllBytes(ca.resolve(Checkpoints.WEIGHTS)));
    assertThat(Files.readAllBytes(cb.resolve(Checkpoints.OPTIMIZER)))
        .isEqualTo(Files.readAllBytes(ca.resolve(Checkpoints.OPTIMIZER)));
    // metrics.csv reads as one run: same rows (the figures are bitwise equal too).
    assertThat(Files.readAllLines(b.resolve(MetricsLog.FILE)))
        .isEqualTo(Files.readAllLines(a.resolve(MetricsLog.FILE)));
  }

  @Test
  void burnInChangesTheWeights() throws Exception {
    // Guards the burn-in case above: the setting reaches the training graph.
    Dataset data = Dataset.of(SyntheticEpisodes.generate(20, 30, 5), null);
    TrainConfig c =
        new TrainConfig(10, 4, 3, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 1, 100, 0.1);
    for (TrainConfig t : new TrainConfig[] {c, c.withBurnIn(5)}) {
      Trainer.train(
          data,
          TrainerTest.model(4),
          t,
          tmp.resolve("b" + t.burnIn()),
          false,
          Trainer.OnNonFinite.STOP,
          Progress.NONE);
    }
    assertThat(
            Files.readAllBytes(
                Checkpoints.latestDir(tmp.resolve("b0")).resolve(Checkpoints.WEIGHTS)))
        .isNotEqualTo(
            Files.readAllBytes(
                Checkpoints.latestDir(tmp.resolve("b5")).resolve(Checkpoints.WEIGHTS)));
  }

  @Test
  void differentSeedsGiveDifferentWeights() throws Exception {
    // Guards the test above: the weights do depend on the run.
    Dataset data = Dataset.of(SyntheticEpisodes.generate(20, 10, 5), null);
    TrainConfig c =
        new TrainConfig(10, 4, 3, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 1, 100, 0.1);
    TrainConfig d =
        new TrainConfig(10, 4, 3, 5e-3, 1.0, TrainConfig.CLIP_KIND_DEFAULT, 1.0, 2, 100, 0.1);
    Trainer.train(
        data,
        TrainerTest.model(4),
        c,
        tmp.resolve("c"),
        false,
        Trainer.OnNonFinite.STOP,
        Progress.NONE);
    Trainer.train(
        data,
        TrainerTest.model(4),
        d,
        tmp.resolve("d"),
        false,
        Trainer.OnNonFinite.STOP,
        Progress.NONE);
    assertThat(
            Files.readAllBytes(
                Checkpoints.latestDir(tmp.resolve("c")).resolve(Checkpoints.WEIGHTS)))
        .isNotEqualTo(
            Files.readAllBytes(
                Checkpoints.latestDir(tmp.resolve("d")).resolve(Checkpoints.WEIGHTS)));
  }
}
