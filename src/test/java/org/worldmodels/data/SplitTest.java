package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seeded splits by episode. */
class SplitTest {

  @ParameterizedTest(name = "{0} episodes, fraction {1} -> {2} for validation")
  @CsvSource({
    "1, 0.1, 0",
    "2, 0.1, 1",
    "3, 0.1, 1",
    "10, 0.1, 1",
    "14, 0.1, 1",
    "15, 0.1, 2",
    "100, 0.1, 10",
    "5, 0.9, 4",
    "50, 0.0, 0",
    "2, 0.0, 0"
  })
  void validationSizeFollowsTheDocumentedRule(int episodes, double fraction, int expected) {
    Split s = Split.of(episodes, fraction, 7);
    assertEquals(expected, s.validation().length);
    assertEquals(episodes - expected, s.train().length);
    int[] all =
        IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation()))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, episodes).toArray(), all, "a partition of 0..n-1");
    assertArrayEquals(Arrays.stream(s.train()).sorted().toArray(), s.train(), "ascending");
  }

  @Test
  void sameSeedSameSplitOtherSeedsDiffer() {
    assertEquals(Split.of(40, 0.25, 3), Split.of(40, 0.25, 3));
    int differing = 0;
    for (long seed = 0; seed < 20; seed++) {
      if (!Split.of(40, 0.25, seed).equals(Split.of(40, 0.25, 3))) {
        differing++;
      }
    }
    assertEquals(19, differing, "every other seed should give another validation set");
  }

  @Test
  void validationEpisodesAreSpreadNotTheLastOnes() {
    // A naive split would take the tail; over many seeds every episode is sometimes held out.
    boolean[] heldOut = new boolean[20];
    for (long seed = 0; seed < 200; seed++) {
      for (int v : Split.of(20, 0.1, seed).validation()) {
        heldOut[v] = true;
      }
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(true, heldOut[i], "episode " + i + " never held out");
    }
  }

  @Test
  void defaultFractionIsOneTenth() {
    assertEquals(Split.of(30, 0.1, 1), Split.of(30, 1));
    assertNotEquals(Split.of(30, 0.2, 1), Split.of(30, 1));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> Split.of(0, 0.1, 1)).hasMessage("episodes must be >= 1, got 0");
    assertThatThrownBy(() -> Split.of(5, 1.0, 1))
        .hasMessage("validation fraction must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> Split.of(5, Double.NaN, 1))
        .hasMessage("validation fraction must be in [0, 1), got NaN");
  }
}
