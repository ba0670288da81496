package org.worldmodels.rnn.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-or-one-core choice, fed with made-up step times. */
class CoreChoiceTest {
  /** Epochs after which the gap between probes can reach its maximum (past 8 x 64). */
  static final int WARM = 600;

  /** Runs {@code epochs} epochs at the given costs; returns the choice made for each epoch. */
  static List<Boolean> run(CoreChoice choice, int epochs, long twoNanos, long oneNanos) {
    List<Boolean> out = new ArrayList<>();
    int end = choice.epochs() + epochs;
    while (choice.epochs() < end) {
      boolean two = choice.twoCores();
      int before = choice.epochs();
      choice.record(two ? twoNanos : oneNanos, false);
      if (choice.epochs() > before) {
        out.add(two);
      } else {
        assertThat(choice.twoCores()).as("choice within an epoch").isEqualTo(two);
      }
    }
    return out;
  }

  /** The number of steps until the current epoch ends. */
  static int stepsOfOneEpoch(CoreChoice choice, long twoNanos, long oneNanos) {
    int before = choice.epochs();
    int steps = 0;
    while (choice.epochs() == before) {
      choice.record(choice.twoCores() ? twoNanos : oneNanos, false);
      steps++;
    }
    return steps;
  }

  static List<Integer> epochsWith(List<Boolean> epochs, boolean two) {
    List<Integer> at = new ArrayList<>();
    for (int e = 0; e < epochs.size(); e++) {
      if (epochs.get(e) == two) {
        at.add(e);
      }
    }
    return at;
  }

  @Test
  void probesTheSlowerChoiceLessAndLessOften() {
    List<Boolean> epochs = run(CoreChoice.timed(), 300, 20_000, 37_000);
    // Gaps between probes double, but stay below one epoch in 8 of those so far (the code is still
    // being compiled at first).
    assertThat(epochsWith(epochs, false))
        .containsExactly(
            1, 3, 5, 7, 10, 13, 16, 20, 24, 29, 34, 40, 47, 55, 64, 74, 85, 97, 111, 127, 145, 165,
            187, 212, 240, 272);
    List<Boolean> later = run(CoreChoice.timed(), 1200, 20_000, 37_000).subList(1000, 1200);
    assertThat(epochsWith(later, false)).hasSize(3); // every 65 epochs
  }

  @Test
  void aSlowFirstEpochDoesNotDecideForLong() {
    CoreChoice choice = CoreChoice.timed();
    // The first epoch also compiled the code: two cores looked slow.
    assertThat(run(choice, 1, 90_000, 37_000)).containsExactly(true);
    assertThat(run(choice, 3, 20_000, 37_000)).containsExactly(false, false, true);
    assertThat(choice.twoCores()).isTrue();
  }

  @Test
  void fallsBackToOneCoreWhenTheSecondIsBusyAndReturnsWhenItIsFree() {
    CoreChoice choice = CoreChoice.timed();
    run(choice, WARM, 20_000, 37_000);
    // Another process takes the second core: two-core steps get slow.
    List<Boolean> busy = run(choice, 300, 60_000, 37_000);
    List<Integer> twoCoreEpochs = epochsWith(busy, true);
    assertThat(twoCoreEpochs).startsWith(0, 2, 5, 10, 19, 36);
    // Then a two-core probe every 17 epochs, each ended after 8 steps.
    assertThat(epochsWith(busy.subList(200, 300), true)).hasSize(6);
    assertThat(stepsOfOneEpoch(choice, 60_000, 37_000)).isEqualTo(CoreChoice.EPOCH_STEPS);
    while (!choice.twoCores()) {
      stepsOfOneEpoch(choice, 60_000, 37_000);
    }
    assertThat(stepsOfOneEpoch(choice, 60_000, 37_000)).isEqualTo(CoreChoice.EARLY_STEPS);
    // The core is free again: the next probe notices.
    List<Boolean> free = run(choice, 2 * CoreChoice.MAX_PROBE_INTERVAL, 20_000, 37_000);
    int back = free.indexOf(true);
    assertThat(back).isBetween(0, CoreChoice.MAX_PROBE_INTERVAL);
    assertThat(free.subList(back, free.size()).stream().filter(two -> !two).count()).isLessThan(8);
  }

  @Test
  void aHelperThatKeepsTheCallerWaitingEndsTwoCoreEpochsAtOnce() {
    CoreChoice choice = CoreChoice.timed();
    run(choice, WARM, 20_000, 37_000);
    assertThat(choice.twoCores()).isTrue();
    choice.record(20_000, false);
    choice.record(3_000_000, true);
    assertThat(choice.twoCores()).as("after a late helper").isFalse();
    // Every two-core step now keeps the caller waiting: each probe costs one step, and the gaps
    // between probes double.
    StringBuilder seen = new StringBuilder();
    while (seen.length() < 40) {
      if (choice.twoCores()) {
        seen.append('T');
        choice.record(3_000_000, true);
      } else {
        seen.append('o');
        run(choice, 1, 20_000, 37_000);
      }
    }
    assertThat(seen.toString()).startsWith("oToo" + "T" + "oooo" + "T" + "oooooooo" + "T");
  }

  @Test
  void alwaysTwoIgnoresTimes() {
    CoreChoice choice = CoreChoice.alwaysTwo();
    for (int s = 0; s < 10 * CoreChoice.EPOCH_STEPS; s++) {
      choice.record(90_000, s % 7 == 0);
      assertThat(choice.twoCores()).isTrue();
    }
  }
}
