package org.worldmodels.env.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * CartPole frames against the geometry of ARCHITECTURE.md ("Pixels"): 125 px per metre, cart 50 x
 * 30 centred at (300 + 125 x, 100), axle at 107.5, pole from -5 to 120 px along its axis rotated by
 * -theta, track line at y = 100; the documented window x in [0, 600], y in [60, 260].
 */
class CartPoleRendererTest {
  static final int[] WHITE = {255, 255, 255};
  static final int[] BLACK = {0, 0, 0};
  static final int[] POLE = {202, 152, 101};
  static final int[] AXLE = {129, 132, 203};

  static FrameProbe draw(int n, float x, float theta) {
    CartPoleRenderer r = new CartPoleRenderer(n);
    byte[] rgb = new byte[n * n * 3];
    r.render(new float[] {x, 0.3f, theta, -0.2f}, rgb);
    return new FrameProbe(rgb, n, 0, 600, 60, 260);
  }

  @Test
  void cartCentreColumnFollowsXWithinAFractionOfAPixel() {
    for (float x : new float[] {-2.0f, -0.7f, 0f, 0.45f, 1.0f, 2.2f}) {
      FrameProbe f = draw(64, x, 0);
      // A row through the cart below the track line and the axle: screen y 88.1 to 91.3.
      int row = 54;
      double centre = f.inkCentre(row, 0, 0, 64);
      assertThat(centre).as("x=" + x).isCloseTo(f.column(300 + 125 * x), within(0.1));
      // 50 px of cart at 64 / 600 frame px per screen px.
      assertThat(f.inkWidth(row, 0, 0)).as("x=" + x).isCloseTo(50 * 64 / 600.0, within(0.1));
    }
  }

  @Test
  void poleLeansByThetaAndEndsAt120PxFromTheAxle() {
    for (float theta : new float[] {-0.2f, -0.05f, 0f, 0.1f, 0.21f}) {
      float x = 0.3f;
      double axleX = 300 + 125 * x;
      FrameProbe f = draw(64, x, theta);
      // Rows well between the axle and the tip: the pole's centre line is at
      // axleX + (y - 107.5) tan(theta), ink in the blue channel only from the pole.
      for (int row = 14; row <= 40; row += 13) {
        double y = 260 - (row + 0.5) * 200 / 64.0;
        double expected = f.column(axleX + (y - 107.5) * Math.tan(theta));
        assertThat(f.inkCentre(row, 2, 0, 64))
            .as("theta=" + theta + " row " + row)
            .isCloseTo(expected, within(0.25));
      }
      // The tip: the highest point of the bar, 120 px out with a corner 5 px aside.
      double top = 107.5 + 120 * Math.cos(theta) + 5 * Math.abs(Math.sin(theta));
      int firstInkRow = -1;
      for (int row = 0; row < 64 && firstInkRow < 0; row++) {
        for (int col = 0; col < 64; col++) {
          if (f.at(row, col, 2) < 255 - 154 / 4) {
            firstInkRow = row;
            break;
          }
        }
      }
      assertThat((double) firstInkRow).as("theta=" + theta).isCloseTo(f.row(top), within(1.0));
    }
  }

  @Test
  void largeFramesShowTheSpecifiedColoursWhereShapesCoverWholePixels() {
    float x = -0.5f;
    float theta = 0.15f;
    double cx = 300 + 125 * x;
    FrameProbe f = draw(400, x, theta);
    assertThat(f.screen(5, 255)).containsExactly(WHITE);
    assertThat(f.screen(590, 65)).containsExactly(WHITE);
    assertThat(f.screen(cx - 20, 90)).containsExactly(BLACK); // cart
    assertThat(f.screen(cx + 20, 112)).containsExactly(BLACK);
    assertThat(f.screen(cx, 107.5)).containsExactly(AXLE);
    double sin = Math.sin(theta);
    double cos = Math.cos(theta);
    // Along the pole's axis from the axle: inside up to 120 px, white beyond.
    for (double d : new double[] {20, 60, 110}) {
      assertThat(f.screen(cx + d * sin, 107.5 + d * cos)).as("d=" + d).containsExactly(POLE);
    }
    assertThat(f.screen(cx + 128 * sin, 107.5 + 128 * cos)).containsExactly(WHITE);
    // Across it, 5 px to each side is its edge.
    assertThat(f.screen(cx + 60 * sin + 9 * cos, 107.5 + 60 * cos - 9 * sin))
        .containsExactly(WHITE);
    assertThat(f.screen(cx + 60 * sin - 9 * cos, 107.5 + 60 * cos + 9 * sin))
        .containsExactly(WHITE);
    // The track line at y = 100 runs the whole width.
    assertThat(f.screen(3, 100)).containsExactly(BLACK);
    assertThat(f.screen(597, 100)).containsExactly(BLACK);
    assertThat(f.screen(597, 103)).containsExactly(WHITE);
  }

  @Test
  void sameStateSameBytesAndRowZeroIsTheTop() {
    FrameProbe a = draw(64, 0.1f, 0.05f);
    FrameProbe b = draw(64, 0.1f, 0.05f);
    assertThat(a.rgb).isEqualTo(b.rgb);
    // The pole points up: ink in the upper rows, none in the last ones (below the cart).
    assertThat(a.inkWidth(20, 2, 101)).isGreaterThan(0.5);
    assertThat(a.inkWidth(63, 0, 0)).isZero();
  }

  @Test
  void refusesWrongStatesAndBuffers() {
    CartPoleRenderer r = new CartPoleRenderer(16);
    assertThatThrownBy(() -> r.render(new float[3], new byte[16 * 16 * 3]))
        .hasMessage("state must have length 4, got length 3");
    assertThatThrownBy(() -> r.render(new float[] {0, 0, Float.NaN, 0}, new byte[16 * 16 * 3]))
        .hasMessageStartingWith("state must be finite");
    assertThatThrownBy(() -> r.render(new float[4], new byte[10]))
        .hasMessage("frame buffer must have 768 bytes (16 x 16 x 3), got 10");
    assertThatThrownBy(() -> new CartPoleRenderer(0))
        .hasMessage("frame size must be in [1, 4096], got 0");
  }
}
