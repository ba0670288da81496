package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The checks of the {@link Episode} record itself, and its value semantics. */
class EpisodeTest {

  @Test
  void dimensionsComeFromTheArrays() {
    Episode e = TestEpisodes.traced(3, 7);
    assertEquals(7, e.length());
    assertEquals(TestEpisodes.Z, e.zSize());
    assertEquals(TestEpisodes.A, e.actionSize());
  }

  @Test
  void equalityIsByContent() {
    assertEquals(TestEpisodes.traced(1, 4), TestEpisodes.traced(1, 4));
    assertEquals(TestEpisodes.traced(1, 4).hashCode(), TestEpisodes.traced(1, 4).hashCode());
    assertNotEquals(TestEpisodes.traced(1, 4), TestEpisodes.traced(2, 4));
  }

  @Test
  void zMustHaveOneRowMoreThanAction() {
    float[][] z = new float[5][2];
    float[][] a = new float[5][1];
    assertThatThrownBy(() -> Episode.ofTransitions(z, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key 'z': has 5 rows but 'action' has 5; expected T+1 = 6");
  }

  @Test
  void emptyEpisodeIsRefused() {
    assertThatThrownBy(() -> Episode.ofTransitions(new float[1][2], new float[0][]))
        .hasMessage("key 'action': has 0 rows, an empty episode; expected T >= 1 transitions");
  }

  @Test
  void raggedRowsAndZeroWidthAreRefused() {
    float[][] z = {{1, 2}, {3}};
    assertThatThrownBy(() -> Episode.ofTransitions(z, new float[1][1]))
        .hasMessage("key 'z': row 1 has 1 values; expected 2 like row 0");
    assertThatThrownBy(() -> Episode.ofTransitions(new float[2][0], new float[1][1]))
        .hasMessage("key 'z': rows of width 0; expected >= 1");
  }

  @Test
  void perStepArraysMustHaveLengthT() {
    assertThatThrownBy(
            () ->
                new Episode(
                    new float[3][1], new float[2][1], new float[3], new boolean[2], new boolean[2]))
        .hasMessage("key 'reward': has 3 values but 'action' has 2 rows; expected T = 2");
    assertThatThrownBy(
            () ->
                new Episode(
                    new float[3][1], new float[2][1], new float[2], new boolean[2], new boolean[1]))
        .hasMessage("key 'truncated': has 1 values but 'action' has 2 rows; expected T = 2");
  }

  @Test
  void nonFiniteValuesAreNamedWithTheirIndex() {
    Episode ok = TestEpisodes.traced(0, 3);
    float[][] z = ok.z();
    z[2][1] = Float.NaN;
    assertThatThrownBy(() -> Episode.ofTransitions(z, ok.action()))
        .hasMessage("key 'z': NaN at [2, 1]; expected finite values");
    float[] reward = {0, Float.NEGATIVE_INFINITY, 0};
    assertThatThrownBy(
            () ->
                new Episode(
                    TestEpisodes.traced(0, 3).z(),
                    ok.action(),
                    reward,
                    new boolean[3],
                    new boolean[3]))
        .hasMessage("key 'reward': -Infinity at [1]; expected finite values");
  }
}
