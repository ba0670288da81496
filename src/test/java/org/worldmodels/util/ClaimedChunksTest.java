package org.worldmodels.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ClaimedChunksTest {
  @Test
  void everyChunkRunsExactlyOnce() {
    for (int n : new int[] {0, 1, 2, 7, 1000}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
      ClaimedChunks.run(n, i -> runs.incrementAndGet(i));
      for (int i = 0; i < n; i++) {
        assertThat(runs.get(i)).as("chunk %d of %d", i, n).isEqualTo(1);
      }
    }
  }

  @Test
  void aFailingChunkFailsTheRunAfterTheOtherThreadsStopped() {
    AtomicIntegerArray runs = new AtomicIntegerArray(500);
    assertThatThrownBy(
            () ->
                ClaimedChunks.run(
                    500,
                    i -> {
                      runs.incrementAndGet(i);
                      if (i == 3) {
                        throw new IllegalStateException("chunk 3 failed");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunk 3 failed");
    int ran = 0;
    for (int i = 0; i < 500; i++) {
      assertThat(runs.get(i)).isLessThanOrEqualTo(1);
      ran += runs.get(i);
    }
    assertThat(ran).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThatThrownBy(() -> ClaimedChunks.run(-1, i -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunks must be >= 0, got -1");
  }
}
