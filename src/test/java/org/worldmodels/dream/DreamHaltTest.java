package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.LatentRange;
import org.worldmodels.data.Split;
import org.worldmodels.testing.TrainedModels;
import org.worldmodels.train.SyntheticEpisodes;

/** Dreams that end where the training data ends. */
class DreamHaltTest {
  static final int B = 64;
  static final int STEPS = 40;

  /** Per row, the first step whose done flag was set (STEPS if none), and every latent. */
  record Run(int[] firstDone, float[][][] z) {}

  static Run run(WorldModel m, Backend backend, LatentRange halt) {
    DreamOptions o =
        DreamOptions.builder().batchSize(B).seed(3).backend(backend).haltOutside(halt).build();
    int[] firstDone = new int[B];
    java.util.Arrays.fill(firstDone, STEPS);
    float[][][] traj = new float[STEPS][][];
    try (DreamEnv env = m.dreamEnv(o)) {
      float[][] z = new float[B][];
      for (int r = 0; r < B; r++) {
        z[r] = new float[] {1f, 0.05f * r};
      }
      env.reset(z);
      for (int t = 0; t < STEPS; t++) {
        float[][] a = new float[B][1];
        for (int r = 0; r < B; r++) {
          a[r][0] = (float) Math.sin(0.3 * t + r);
        }
        DreamStep s = env.step(z, a);
        z = s.z();
        traj[t] = z;
        for (int r = 0; r < B; r++) {
          if (s.done()[r] && firstDone[r] == STEPS) {
            firstDone[r] = t;
          }
        }
      }
    }
    return new Run(firstDone, traj);
  }

  @Test
  void trainingRecordsTheRangeOfItsTrainingEpisodes() throws Exception {
    // The same data, split and seed as TrainedModels.bimodal().
    Dataset data = Dataset.of(SyntheticEpisodes.generate(400, 25, 1), null);
    Split split = Split.of(data.size(), 0.1, 3);
    List<Episode> train = new ArrayList<>();
    for (int i : split.train()) {
      train.add(data.episode(i));
    }
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      assertThat(m.latentRange()).contains(LatentRange.of(train));
    }
  }

  @Test
  void rowsEndExactlyWhenTheirLatentLeavesTheRange() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
        Run free = run(m, backend, null);
        // A range that the free dream leaves now and then: halting must not change any sample
        // (the done draw is made either way), only set done where a latent is outside.
        LatentRange tight = middleHalf(m.latentRange().orElseThrow());
        Run halted = run(m, backend, tight);
        assertThat(halted.z()).as(backend.name()).isDeepEqualTo(free.z());
        int ended = 0;
        for (int r = 0; r < B; r++) {
          int expected = free.firstDone()[r];
          for (int t = 0; t < expected; t++) {
            if (!tight.contains(free.z()[t][r])) {
              expected = t;
              break;
            }
          }
          assertThat(halted.firstDone()[r]).as("%s row %d", backend, r).isEqualTo(expected);
          if (expected < STEPS) {
            ended++;
          }
        }
        assertThat(ended).as("rows halted").isGreaterThan(B / 4);
      }
    }
  }

  /** The middle half of every dimension of {@code r}. */
  static LatentRange middleHalf(LatentRange r) {
    float[] lo = r.min();
    float[] hi = r.max();
    for (int d = 0; d < lo.length; d++) {
      float quarter = (hi[d] - lo[d]) / 4;
      lo[d] += quarter;
      hi[d] -= quarter;
    }
    return new LatentRange(lo, hi);
  }

  @Test
  void refusesARangeOfTheWrongSize() throws Exception {
    try (WorldModel m = WorldModel.load(TrainedModels.bimodal())) {
      DreamOptions o =
          DreamOptions.builder()
              .haltOutside(new LatentRange(new float[] {0, 0, 0}, new float[] {1, 1, 1}))
              .build();
      assertThatThrownBy(() -> m.dreamEnv(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 dimensions")
          .hasMessageContaining("latent has 2");
    }
  }
}
