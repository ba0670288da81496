package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceTest {

  private static final Box BOX = new Box(new float[] {-1f, 0f, 5f}, new float[] {1f, 0.5f, 5f});

  @Test
  void boxDimensionIsItsLength() {
    assertThat(BOX.dimension()).isEqualTo(3);
    assertThat(Box.uniform(4, -2f, 2f).dimension()).isEqualTo(4);
  }

  @Test
  void shapesOfVectorsFramesAndOneHots() {
    assertThat(BOX.shape()).containsExactly(3);
    assertThat(Box.uniform(4, -2f, 2f).shape()).containsExactly(4);
    Box frame = Box.uniform(new int[] {64, 48, 3}, 0f, 255f);
    assertThat(frame.shape()).containsExactly(64, 48, 3);
    assertThat(frame.dimension()).isEqualTo(64 * 48 * 3);
    assertThat(frame.contains(frame.sample(new SplittableRandom(4)))).isTrue();
    assertThat(new Discrete(5).shape()).containsExactly(5);
    Box grid =
        new Box(new float[] {0, 0, 0, 0, 0, 0}, new float[] {1, 1, 1, 1, 1, 2}, new int[] {2, 3});
    assertThat(grid.dimension()).isEqualTo(6);
    assertThat(grid.high(5)).isEqualTo(2f);
  }

  @Test
  void boxShapeMustHoldTheBounds() {
    assertThatThrownBy(() -> new Box(new float[4], new float[4], new int[] {2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Box shape [2, 3] must have axes >= 1 and hold as many values as the bounds (4)");
    assertThatThrownBy(() -> new Box(new float[4], new float[4], new int[] {4, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 0]");
    assertThatThrownBy(() -> new Box(new float[1], new float[1], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> Box.uniform(new int[] {65536, 65536}, 0f, 1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[65536, 65536]");
    assertThatThrownBy(() -> Box.uniform(new int[0], 0f, 1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[]");
  }

  @Test
  void boxShapeIsCopiedAndCompared() {
    int[] shape = {2, 2};
    Box square = Box.uniform(shape, 0f, 1f);
    shape[0] = 4;
    square.shape()[1] = 9;
    assertThat(square.shape()).containsExactly(2, 2);
    Box flat = Box.uniform(4, 0f, 1f);
    assertThat(square).isNotEqualTo(flat);
    assertThat(square).isEqualTo(Box.uniform(new int[] {2, 2}, 0f, 1f));
    assertThat(flat).isEqualTo(Box.uniform(new int[] {4}, 0f, 1f));
    assertThat(square.hashCode()).isNotEqualTo(flat.hashCode());
    // A frame's toString stays short: shape and bound range, not thousands of values.
    assertThat(Box.uniform(new int[] {64, 64, 3}, 0f, 255f).toString())
        .isEqualTo("Box(shape=[64, 64, 3], low>=0.0, high<=255.0)");
  }

  @Test
  void boxSamplesStayInBoundsAndCoverThem() {
    SplittableRandom rng = new SplittableRandom(1);
    float min0 = 1;
    float max0 = -1;
    for (int i = 0; i < 5000; i++) {
      float[] x = BOX.sample(rng);
      assertThat(BOX.contains(x)).as("sample %d", i).isTrue();
      assertThat(x[2]).isEqualTo(5f); // a degenerate interval gives its only point
      min0 = Math.min(min0, x[0]);
      max0 = Math.max(max0, x[0]);
    }
    assertThat(min0).isLessThan(-0.99f);
    assertThat(max0).isGreaterThan(0.99f);
  }

  @Test
  void boxWithFloatMaxBoundsSamplesFiniteValuesInside() {
    Box wide = Box.uniform(2, -Float.MAX_VALUE, Float.MAX_VALUE);
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 1000; i++) {
      float[] x = wide.sample(rng);
      assertThat(Float.isFinite(x[0]) && Float.isFinite(x[1])).as("sample %d", i).isTrue();
      assertThat(wide.contains(x)).isTrue();
    }
  }

  @Test
  void boxContainsChecksLengthBoundsAndNan() {
    assertThat(BOX.contains(new float[] {0f, 0.25f, 5f})).isTrue();
    assertThat(BOX.contains(new float[] {-1f, 0f, 5f})).isTrue();
    assertThat(BOX.contains(new float[] {1.01f, 0.25f, 5f})).isFalse();
    assertThat(BOX.contains(new float[] {Float.NaN, 0.25f, 5f})).isFalse();
    assertThat(BOX.contains(new float[] {0f, 0.25f})).isFalse();
    assertThat(BOX.contains(null)).isFalse();
  }

  @Test
  void boxClipsIntoBounds() {
    assertThat(BOX.clip(new float[] {-3f, 0.2f, 7f})).containsExactly(-1f, 0.2f, 5f);
    assertThatThrownBy(() -> BOX.clip(new float[] {0f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 3")
        .hasMessageContaining("found length 1");
  }

  @Test
  void boxWithMismatchedShapesNamesBoth() {
    assertThatThrownBy(() -> new Box(new float[3], new float[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Box low has shape [3] but high has shape [2]; they must match");
  }

  @Test
  void boxRejectsInvertedInfiniteAndEmptyBounds() {
    assertThatThrownBy(() -> new Box(new float[] {0f, 2f}, new float[] {1f, 1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1")
        .hasMessageContaining("low=2.0, high=1.0");
    assertThatThrownBy(() -> new Box(new float[] {0f}, new float[] {Float.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> new Box(new float[0], new float[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boxIsImmutableAndComparedByContent() {
    float[] low = {0f};
    Box b = new Box(low, new float[] {1f});
    low[0] = -5f;
    b.low()[0] = -7f;
    assertThat(b.low()).containsExactly(0f);
    assertThat(b).isEqualTo(new Box(new float[] {0f}, new float[] {1f}));
    assertThat(b.hashCode()).isEqualTo(new Box(new float[] {0f}, new float[] {1f}).hashCode());
    assertThat(b.toString()).contains("shape=[1]").contains("[0.0]").contains("[1.0]");
  }

  @Test
  void discreteDimensionIsTheNumberOfActions() {
    assertThat(new Discrete(5).dimension()).isEqualTo(5);
  }

  @Test
  void discreteSamplesAreUniformOneHots() {
    Discrete d = new Discrete(3);
    SplittableRandom rng = new SplittableRandom(3);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      float[] x = d.sample(rng);
      assertThat(d.contains(x)).as("sample %d", i).isTrue();
      counts[d.index(x)]++;
    }
    // Each count is Binomial(3000, 1/3): mean 1000, sd about 26.
    for (int a = 0; a < 3; a++) {
      assertThat(counts[a]).as("count of action %d", a).isBetween(880, 1120);
    }
  }

  @Test
  void discreteOneHotAndIndexRoundTrip() {
    Discrete d = new Discrete(4);
    assertThat(d.oneHot(2)).containsExactly(0f, 0f, 1f, 0f);
    for (int a = 0; a < 4; a++) {
      assertThat(d.index(d.oneHot(a))).isEqualTo(a);
    }
    assertThat(d.index(new float[] {0.1f, 0.9f, -3f, 0.9f})).isEqualTo(1); // first of a tie
  }

  @Test
  void discreteContainsOnlyOneHots() {
    Discrete d = new Discrete(2);
    assertThat(d.contains(new float[] {0f, 1f})).isTrue();
    assertThat(d.contains(new float[] {1f, 1f})).isFalse();
    assertThat(d.contains(new float[] {0f, 0f})).isFalse();
    assertThat(d.contains(new float[] {0.5f, 0.5f})).isFalse();
    assertThat(d.contains(new float[] {1f})).isFalse();
  }

  @Test
  void discreteErrorsNameTheShapes() {
    Discrete d = new Discrete(2);
    assertThatThrownBy(() -> d.index(new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must have length 2 for Discrete(2), found length 3");
    assertThatThrownBy(() -> d.oneHot(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action must be in [0, 1] for Discrete(2), got 2");
    assertThatThrownBy(() -> d.index(new float[] {Float.NaN, 0f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at index 0");
    assertThatThrownBy(() -> new Discrete(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Discrete n must be >= 1, got 0");
  }
}
