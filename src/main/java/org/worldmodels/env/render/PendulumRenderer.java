package org.worldmodels.env.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * Pendulum-v1 as Gymnasium draws it (ARCHITECTURE.md, "Pixels"), on a 500 x 500 screen, y up, white
 * background: 113.64 px per metre (500 / 4.4) about the centre (250, 250); the rod a bar 22.7 px
 * wide and 113.6 px long from the centre, with round ends of radius 11 (Gymnasium's {@code
 * int(rod_width / 2)}), colour (204, 77, 77), pointing up at theta = 0 and turning
 * counter-clockwise as theta grows (tip at {@code (250 - 113.6 sin theta, 250 + 113.6 cos theta)});
 * the axle a black circle of radius 5. Gymnasium's torque arrow is left out: it shows the last
 * action, which is not part of the state.
 *
 * <p><b>Frame.</b> The window [{@value #WINDOW_LOW}, {@value #WINDOW_HIGH}] in x and y, drawn onto
 * N x N ({@link ScreenCanvas}): 150 px around the centre, enough for the rod's reach of 124.6 px,
 * instead of the screen's 250, so the rod covers more of the frame (at N = 64 it is 24 px long and
 * 4.8 px wide). The angle is taken from the observation's {@code cos theta} and {@code sin theta}.
 */
public final class PendulumRenderer extends ScreenCanvas {
  /** Gymnasium's screen side, px. */
  public static final double SCREEN_SIZE = 500;

  /** Screen pixels per metre: 500 / (2 x 2.2). */
  public static final double SCALE = SCREEN_SIZE / 4.4;

  /** The pivot, (250, 250). */
  public static final double CENTRE = SCREEN_SIZE / 2;

  /** The rod's length, px (1 m). */
  public static final double ROD_LENGTH = SCALE;

  /** Lower (left, bottom) edge of the window drawn into the frame, screen px. */
  public static final double WINDOW_LOW = CENTRE - 150;

  /** Upper (right, top) edge of the window drawn into the frame, screen px. */
  public static final double WINDOW_HIGH = CENTRE + 150;

  static final double ROD_WIDTH = 0.2 * SCALE;
  static final double END_RADIUS = Math.floor(ROD_WIDTH / 2);
  static final double AXLE_RADIUS = Math.floor(0.05 * SCALE);
  static final Color ROD = new Color(204, 77, 77);
  static final Color AXLE = new Color(0, 0, 0);

  /** A renderer of {@code size x size} frames. */
  public PendulumRenderer(int size) {
    super(size, 3, WINDOW_LOW, WINDOW_HIGH, WINDOW_LOW, WINDOW_HIGH);
  }

  @Override
  void draw(Graphics2D g, float[] state) {
    double cos = state[0];
    double sin = state[1];
    Graphics2D rod = (Graphics2D) g.create();
    try {
      rod.translate(CENTRE, CENTRE);
      // Gymnasium rotates the rod, lying along +x, by theta + pi/2: the direction
      // (cos(theta + pi/2), sin(theta + pi/2)) = (-sin theta, cos theta). Java2D normalises it.
      if (cos != 0 || sin != 0) {
        rod.transform(AffineTransform.getRotateInstance(-sin, cos));
      }
      rod.setColor(ROD);
      rod.fill(new Rectangle2D.Double(0, -ROD_WIDTH / 2, ROD_LENGTH, ROD_WIDTH));
      rod.fill(circle(0, 0, END_RADIUS));
      rod.fill(circle(ROD_LENGTH, 0, END_RADIUS));
    } finally {
      rod.dispose();
    }
    g.setColor(AXLE);
    g.fill(circle(CENTRE, CENTRE, AXLE_RADIUS));
  }

  private static Ellipse2D circle(double x, double y, double r) {
    return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
  }
}
