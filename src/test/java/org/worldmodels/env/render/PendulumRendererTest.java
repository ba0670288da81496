package org.worldmodels.env.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pendulum frames against ARCHITECTURE.md ("Pixels"): 500 x 500 screen, 113.64 px per metre about
 * the centre, rod 22.7 px wide and 113.6 px long pointing up at theta = 0, colour (204, 77, 77),
 * black axle of radius 5; the documented window [100, 400] in x and y.
 */
class PendulumRendererTest {
  static final int[] WHITE = {255, 255, 255};
  static final int[] ROD = {204, 77, 77};
  static final int[] BLACK = {0, 0, 0};
  static final double SCALE = 500 / 4.4;

  static FrameProbe draw(int n, double theta) {
    PendulumRenderer r = new PendulumRenderer(n);
    byte[] rgb = new byte[n * n * 3];
    r.render(new float[] {(float) Math.cos(theta), (float) Math.sin(theta), 1.5f}, rgb);
    return new FrameProbe(rgb, n, 100, 400, 100, 400);
  }

  @Test
  void rodTipIsAt113PxAlongThetaFromUpright() {
    for (double theta : new double[] {0, 0.5, Math.PI / 2, 2.0, Math.PI, -1.0, -2.7}) {
      FrameProbe f = draw(128, theta);
      // Direction of the rod: (-sin theta, cos theta), up at theta = 0, left for theta = pi/2.
      double dx = -Math.sin(theta);
      double dy = Math.cos(theta);
      double length = SCALE; // 1 m
      String at = "theta=" + theta;
      assertThat(f.screen(250 + dx * length, 250 + dy * length)).as(at).containsExactly(ROD);
      assertThat(f.screen(250 + dx * 60, 250 + dy * 60)).as(at).containsExactly(ROD);
      // The round end (radius 11) stops the rod 124.6 px out.
      assertThat(f.screen(250 + dx * (length + 17), 250 + dy * (length + 17)))
          .as(at)
          .containsExactly(WHITE);
      // Half the width (11.4 px) to each side is the edge.
      double px = dy;
      double py = -dx;
      assertThat(f.screen(250 + dx * 60 + px * 16, 250 + dy * 60 + py * 16))
          .as(at)
          .containsExactly(WHITE);
      assertThat(f.screen(250 + dx * 60 - px * 16, 250 + dy * 60 - py * 16))
          .as(at)
          .containsExactly(WHITE);
      assertThat(f.screen(250 + dx * 60 + px * 7, 250 + dy * 60 + py * 7))
          .as(at)
          .containsExactly(ROD);
      // The opposite side of the pivot is empty beyond the round end.
      assertThat(f.screen(250 - dx * 30, 250 - dy * 30)).as(at).containsExactly(WHITE);
      assertThat(f.screen(250, 250)).as(at).containsExactly(BLACK);
    }
  }

  @Test
  void uprightRodIsCentredOnTheMiddleColumnsOf64() {
    FrameProbe f = draw(64, 0);
    // Screen y 300 is frame row 21.3: the rod's ink is centred on column 32 (screen x 250).
    int row = (int) f.row(300);
    assertThat(f.inkCentre(row, 1, 0, 64)).isBetween(31.9, 32.1);
    // 22.7 px wide at 64 / 300 frame px per screen px.
    assertThat(f.inkWidth(row, 1, 77)).isBetween(0.2 * SCALE * 64 / 300 - 0.1, 4.95);
    assertThat(f.screen(101, 399)).containsExactly(WHITE);
    assertThat(f.screen(399, 101)).containsExactly(WHITE);
  }
}
