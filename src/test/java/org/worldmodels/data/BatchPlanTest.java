package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.worldmodels.io.NpyFixtures;

/**
 * Batches are traced back to episodes through {@link TestEpisodes}: a cell's z says which episode
 * and time it holds, so coverage, order and padding are checked on the values themselves.
 */
class BatchPlanTest {
  /** Lengths chosen around seqLen 4: shorter, equal, longer, much longer. */
  private static final int[] LENGTHS = {1, 3, 4, 5, 9, 17, 2, 8};

  @TempDir Path dir;

  private static Dataset traced() {
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < LENGTHS.length; i++) {
      episodes.add(TestEpisodes.traced(i, LENGTHS[i]));
    }
    return Dataset.of(episodes, null);
  }

  private static final int[] TRAIN = {0, 1, 2, 3, 5, 6, 7}; // episode 4 is held out

  @ParameterizedTest(name = "seqLen {0}, batchSize {1}")
  @CsvSource({"4, 3", "1, 5", "4, 64", "20, 2", "3, 1"})
  void everyTransitionAppearsExactlyOncePerEpoch(int seqLen, int batchSize) {
    Dataset data = traced();
    BatchPlan plan = new BatchPlan(data, TRAIN, seqLen, batchSize, 11);
    long step = 0;
    for (int epoch = 0; epoch < 4; epoch++) {
      Set<List<Integer>> seen = new HashSet<>();
      int batches = plan.batchesInEpoch(epoch);
      for (int k = 0; k < batches; k++, step++) {
        Batch b = plan.batchAt(step);
        assertEquals(epoch, b.epoch(), "step " + step);
        int valid = 0;
        for (int t = 0; t < seqLen; t++) {
          for (int r = 0; r < batchSize; r++) {
            int cell = t * batchSize + r;
            if (b.mask()[cell] == 1f) {
              int id = (int) b.z()[cell * 3];
              int time = (int) b.z()[cell * 3 + 1];
              assertTrue(seen.add(List.of(id, time)), "twice: episode " + id + " t " + time);
              checkCell(b, cell, id, time);
              valid++;
            } else {
              assertEquals(0f, b.mask()[cell]);
            }
          }
        }
        assertEquals(valid, b.validSteps());
      }
      Set<List<Integer>> expected = new HashSet<>();
      for (int e : TRAIN) {
        for (int t = 0; t < LENGTHS[e]; t++) {
          expected.add(List.of(e, t));
        }
      }
      assertEquals(expected, seen, "epoch " + epoch + " must cover each transition once");
      assertEquals(epoch + 1, plan.batchAt(step).epoch(), "the next step starts the next epoch");
    }
  }

  /** The cell's z says (id, time); everything else in the cell must agree with it. */
  private static void checkCell(Batch b, int cell, int id, int time) {
    assertArrayEquals(new float[] {id, time, 0.5f}, slice(b.z(), cell * 3, 3));
    assertArrayEquals(new float[] {id, time + 1, 0.5f}, slice(b.zNext(), cell * 3, 3));
    assertArrayEquals(new float[] {id + 0.25f, time + 0.5f}, slice(b.action(), cell * 2, 2));
    assertEquals(100f * id + time, b.reward()[cell]);
    boolean last = time == LENGTHS[id] - 1;
    assertEquals(last && id % 2 == 0 ? 1f : 0f, b.terminated()[cell]);
  }

  @Test
  void rowsAreConsecutiveStepsOfOneEpisodeAndPaddingIsZero() {
    Dataset data = traced();
    int seqLen = 4;
    int batchSize = 3;
    BatchPlan plan = new BatchPlan(data, TRAIN, seqLen, batchSize, 5);
    int paddingRows = 0;
    for (long step = 0; step < 40; step++) {
      Batch b = plan.batchAt(step);
      for (int r = 0; r < batchSize; r++) {
        int episode = b.episodeOf(r);
        int length = b.lengthOf(r);
        if (episode < 0) {
          paddingRows++;
          assertEquals(0, length);
        }
        for (int t = 0; t < seqLen; t++) {
          int cell = t * batchSize + r;
          if (t < length) {
            assertEquals(1f, b.mask()[cell]);
            assertEquals(episode, (int) b.z()[cell * 3], "row stays in its episode");
            assertEquals(b.startOf(r) + t, (int) b.z()[cell * 3 + 1], "steps are consecutive");
          } else {
            assertEquals(0f, b.mask()[cell]);
            assertArrayEquals(new float[3], slice(b.z(), cell * 3, 3));
            assertArrayEquals(new float[3], slice(b.zNext(), cell * 3, 3));
            assertArrayEquals(new float[2], slice(b.action(), cell * 2, 2));
            assertEquals(0f, b.reward()[cell]);
            assertEquals(0f, b.terminated()[cell]);
          }
        }
      }
    }
    assertThat(paddingRows).as("some epochs end in a partial batch").isPositive();
  }

  @Test
  void windowOffsetsChangeFromEpochToEpoch() {
    BatchPlan plan = new BatchPlan(traced(), TRAIN, 4, 3, 1);
    Set<Integer> firstWindowLengths = new HashSet<>();
    for (int epoch = 0; epoch < 20; epoch++) {
      for (Window w : plan.windows(epoch)) {
        if (w.episode() == 5 && w.start() == 0) {
          firstWindowLengths.add(w.length());
        }
      }
    }
    assertEquals(Set.of(1, 2, 3, 4), firstWindowLengths, "offsets 1..3 and 0 all occur");
  }

  @Test
  void sameSeedSameBatchesOtherSeedOtherBatches() {
    BatchPlan a = new BatchPlan(traced(), TRAIN, 4, 3, 21);
    BatchPlan b = new BatchPlan(traced(), TRAIN, 4, 3, 21);
    BatchPlan c = new BatchPlan(traced(), TRAIN, 4, 3, 22);
    boolean anyDifferent = false;
    for (long step = 0; step < 30; step++) {
      Batch x = a.batchAt(step);
      assertBatchEquals(x, b.batchAt(step));
      anyDifferent |= !java.util.Arrays.equals(x.z(), c.batchAt(step).z());
    }
    assertTrue(anyDifferent, "another seed must give other batches");
  }

  @Test
  void coldBatchAtEqualsTheBatchReachedByIterating() {
    BatchPlan walked = new BatchPlan(traced(), TRAIN, 4, 3, 8);
    List<Batch> all = new ArrayList<>();
    for (long step = 0; step < 120; step++) {
      all.add(walked.batchAt(step));
    }
    for (long step : new long[] {119, 57, 0, 33, 118}) {
      BatchPlan cold = new BatchPlan(traced(), TRAIN, 4, 3, 8);
      assertBatchEquals(all.get((int) step), cold.batchAt(step));
    }
    // Going back and forth on one plan gives the same batches too.
    assertBatchEquals(all.get(5), walked.batchAt(5));
    assertBatchEquals(all.get(100), walked.batchAt(100));
  }

  @Test
  void epochsAreLaidOutByTheirBatchCounts() {
    BatchPlan plan = new BatchPlan(traced(), TRAIN, 4, 3, 2);
    long start = 0;
    for (int epoch = 0; epoch < 10; epoch++) {
      int batches = plan.batchesInEpoch(epoch);
      assertEquals((plan.windows(epoch).length + 2) / 3, batches, "epoch " + epoch);
      assertEquals(epoch, plan.epochOf(start));
      assertEquals(epoch, plan.epochOf(start + batches - 1));
      start += batches;
    }
  }

  @Test
  void reusedBatchEqualsAFreshOne() {
    BatchPlan plan = new BatchPlan(traced(), TRAIN, 4, 3, 4);
    Batch reuse = plan.batchAt(0);
    for (long step = 1; step < 25; step++) {
      Batch fresh = new BatchPlan(traced(), TRAIN, 4, 3, 4).batchAt(step);
      Batch got = plan.batchAt(step, reuse);
      assertSame(reuse, got);
      assertBatchEquals(fresh, got);
    }
    Batch wrongShape = new BatchPlan(traced(), TRAIN, 5, 3, 4).batchAt(0);
    assertNotSame(wrongShape, plan.batchAt(0, wrongShape));
  }

  @Test
  void seriesRowsAreRedrawnPerEpochInBatches() throws IOException {
    Files.copy(NpyFixtures.path("series_f16.npz"), dir.resolve("series.npz"));
    Dataset data = EpisodeStore.load(dir);
    long seed = 3;
    BatchPlan plan = new BatchPlan(data, new int[] {0, 1, 2}, 2, 2, seed);
    Set<Long> epochs = new HashSet<>();
    for (long step = 0; step < 12; step++) {
      Batch b = plan.batchAt(step);
      epochs.add(b.epoch());
      for (int r = 0; r < 2; r++) {
        if (b.episodeOf(r) < 0) {
          continue;
        }
        Episode drawn = data.episodeForTraining(b.episodeOf(r), b.epoch(), seed);
        for (int t = 0; t < b.lengthOf(r); t++) {
          int cell = t * 2 + r;
          int s = b.startOf(r) + t;
          assertArrayEquals(drawn.z()[s], slice(b.z(), cell * 4, 4), "step " + step);
          assertArrayEquals(drawn.z()[s + 1], slice(b.zNext(), cell * 4, 4), "step " + step);
        }
      }
    }
    assertThat(epochs.size()).isGreaterThan(1);
  }

  /**
   * A digest of the first 60 batches of a plan without burn-in, taken before burn-in existed: the
   * default must keep today's batches bit for bit.
   */
  @Test
  void withoutBurnInTheBatchesAreTodays() {
    assertEquals(BATCHES_BEFORE_BURN_IN, digest(new BatchPlan(traced(), TRAIN, 4, 0, 3, 9), 60));
    assertEquals(BATCHES_BEFORE_BURN_IN, digest(new BatchPlan(traced(), TRAIN, 4, 3, 9), 60));
    assertEquals(4, new BatchPlan(traced(), TRAIN, 4, 0, 3, 9).batchAt(0).seqLen());
  }

  private static final long BATCHES_BEFORE_BURN_IN = 3764224300L;

  private static long digest(BatchPlan plan, int steps) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4);
    for (long step = 0; step < steps; step++) {
      Batch b = plan.batchAt(step);
      for (float[] a :
          new float[][] {b.z(), b.zNext(), b.action(), b.reward(), b.terminated(), b.mask()}) {
        for (float v : a) {
          crc.update(buf.clear().putFloat(v).array());
        }
      }
      crc.update(buf.clear().putInt(b.validSteps()).array());
    }
    return crc.getValue();
  }

  @ParameterizedTest(name = "burn-in {0}")
  @CsvSource({"1", "3", "6", "12", "20"})
  void aRowFeedsItsWindowsEarlierTransitionsUnscoredClippedAtTheEpisodeStart(int burnIn) {
    Dataset data = traced();
    int seqLen = 4;
    int batchSize = 3;
    BatchPlan plan = new BatchPlan(data, TRAIN, seqLen, burnIn, batchSize, 5);
    int clipped = 0;
    int full = 0;
    for (long step = 0; step < 40; step++) {
      Batch b = plan.batchAt(step);
      assertEquals(seqLen + burnIn, b.seqLen());
      for (int r = 0; r < batchSize; r++) {
        int episode = b.episodeOf(r);
        int start = b.startOf(r);
        int fed = b.burnInOf(r);
        int length = b.lengthOf(r);
        assertEquals(episode < 0 ? 0 : Math.min(burnIn, start), fed, "step " + step + " row " + r);
        clipped += fed > 0 && fed < burnIn ? 1 : 0;
        full += fed == burnIn ? 1 : 0;
        for (int t = 0; t < seqLen + burnIn; t++) {
          int cell = t * batchSize + r;
          if (t < fed + length) {
            // Transition start - fed + t of the row's episode, scored from the window's start.
            int time = start - fed + t;
            assertEquals(t < fed ? 0f : 1f, b.mask()[cell], "step " + step + " t " + t);
            checkCell(b, cell, episode, time);
          } else {
            assertEquals(0f, b.mask()[cell]);
            assertArrayEquals(new float[3], slice(b.z(), cell * 3, 3));
            assertArrayEquals(new float[3], slice(b.zNext(), cell * 3, 3));
          }
        }
      }
    }
    if (burnIn < 17) { // the longest episode
      assertThat(full).as("rows with a whole burn-in").isPositive();
    }
    if (burnIn > 1) {
      assertThat(clipped).as("rows whose burn-in is clipped at the episode start").isPositive();
    }
  }

  /** Burn-in adds context only: each step scores the same transitions as without it. */
  @ParameterizedTest(name = "burn-in {0}")
  @CsvSource({"2", "7"})
  void burnInScoresTheSameTransitionsInTheSameBatches(int burnIn) {
    BatchPlan plain = new BatchPlan(traced(), TRAIN, 4, 0, 3, 13);
    BatchPlan burned = new BatchPlan(traced(), TRAIN, 4, burnIn, 3, 13);
    for (long step = 0; step < 80; step++) {
      assertEquals(scored(plain.batchAt(step)), scored(burned.batchAt(step)), "step " + step);
      assertEquals(plain.batchAt(step).validSteps(), burned.batchAt(step).validSteps());
      assertEquals(plain.epochOf(step), burned.epochOf(step));
    }
  }

  /** (episode, time) of each scored cell, by row. */
  private static List<List<Integer>> scored(Batch b) {
    List<List<Integer>> out = new ArrayList<>();
    for (int r = 0; r < b.batchSize(); r++) {
      for (int t = 0; t < b.seqLen(); t++) {
        int cell = t * b.batchSize() + r;
        if (b.mask()[cell] == 1f) {
          out.add(List.of(r, (int) b.z()[cell * 3], (int) b.z()[cell * 3 + 1]));
        }
      }
    }
    return out;
  }

  @Test
  void badArgumentsAreRefused() {
    Dataset data = traced();
    assertThatThrownBy(() -> new BatchPlan(data, new int[0], 4, 3, 0))
        .hasMessage("a batch plan needs at least one training episode");
    assertThatThrownBy(() -> new BatchPlan(data, new int[] {8}, 4, 3, 0))
        .hasMessage("episode index 8 is out of range; the dataset has 8");
    assertThatThrownBy(() -> new BatchPlan(data, new int[] {1, 1}, 4, 3, 0))
        .hasMessage("episode index 1 is listed twice; each episode may appear once");
    assertThatThrownBy(() -> new BatchPlan(data, TRAIN, 0, 3, 0))
        .hasMessage("seqLen must be >= 1, got 0");
    assertThatThrownBy(() -> new BatchPlan(data, TRAIN, 4, 0, 0))
        .hasMessage("batchSize must be >= 1, got 0");
    assertThatThrownBy(() -> new BatchPlan(data, TRAIN, 4, -1, 3, 0))
        .hasMessageStartingWith("burnIn must be in [0, ");
    assertThatThrownBy(() -> new BatchPlan(data, TRAIN, 4, 3, 0).batchAt(-1))
        .hasMessageStartingWith("step must be in [0, ");
  }

  private static void assertBatchEquals(Batch expected, Batch actual) {
    assertEquals(expected.step(), actual.step());
    assertEquals(expected.epoch(), actual.epoch());
    assertArrayEquals(expected.z(), actual.z(), "z at step " + expected.step());
    assertArrayEquals(expected.zNext(), actual.zNext());
    assertArrayEquals(expected.action(), actual.action());
    assertArrayEquals(expected.reward(), actual.reward());
    assertArrayEquals(expected.terminated(), actual.terminated());
    assertArrayEquals(expected.mask(), actual.mask());
    assertEquals(expected.validSteps(), actual.validSteps());
  }

  private static float[] slice(float[] flat, int from, int length) {
    return java.util.Arrays.copyOfRange(flat, from, from + length);
  }
}
