package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.util.Json;

class LatentRangeTest {
  private static Episode episode(float[][] z) {
    float[][] a = new float[z.length - 1][1];
    return Episode.ofTransitions(z, a);
  }

  @Test
  void spansEveryLatentOfEveryEpisodeIncludingTheLast() {
    Episode e1 = episode(new float[][] {{0, 5}, {1, 4}, {-2, 9}});
    Episode e2 = episode(new float[][] {{3, -1}, {0.5f, 0}});
    LatentRange r = LatentRange.of(List.of(e1, e2));
    assertThat(r.min()).containsExactly(-2f, -1f);
    assertThat(r.max()).containsExactly(3f, 9f);
  }

  @Test
  void containsIncludesTheBoundsAndRefusesNaN() {
    LatentRange r = new LatentRange(new float[] {-1, 0}, new float[] {1, 2});
    assertThat(r.contains(new float[] {-1, 2})).isTrue();
    assertThat(r.contains(new float[] {0, 1})).isTrue();
    assertThat(r.contains(new float[] {1.0001f, 1})).isFalse();
    assertThat(r.contains(new float[] {0, -1e-6f})).isFalse();
    assertThat(r.contains(new float[] {Float.NaN, 1})).isFalse();
  }

  @Test
  void widenGrowsEachSideByAFractionOfTheWidth() {
    LatentRange r = new LatentRange(new float[] {-1, 10}, new float[] {1, 10});
    LatentRange w = r.widen(0.25);
    assertThat(w.min()).containsExactly(-1.5f, 10f);
    assertThat(w.max()).containsExactly(1.5f, 10f);
    assertThat(r.widen(0)).isEqualTo(r);
    LatentRange shrunk = r.widen(-0.25);
    assertThat(shrunk.min()).containsExactly(-0.5f, 10f);
    assertThat(shrunk.max()).containsExactly(0.5f, 10f);
    assertThatThrownBy(() -> r.widen(-0.5)).hasMessageContaining("margin -0.5");
    assertThatThrownBy(() -> r.widen(Double.NaN)).hasMessageContaining("margin");
  }

  @Test
  void refusesInconsistentBounds() {
    assertThatThrownBy(() -> new LatentRange(new float[] {1}, new float[] {0}))
        .hasMessageContaining("dimension 0 is [1.0, 0.0]");
    assertThatThrownBy(() -> new LatentRange(new float[] {0, 0}, new float[] {1}))
        .hasMessageContaining("'min' has 2 values and 'max' 1");
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    LatentRange r = new LatentRange(new float[] {-0.25f, 1e-7f}, new float[] {3.5f, 2});
    String json = Json.line(r);
    assertThat(json).isEqualTo("{\"min\":[-0.25,1.0E-7],\"max\":[3.5,2.0]}");
    assertThat(Json.parse(json, LatentRange.class)).isEqualTo(r);
  }
}
