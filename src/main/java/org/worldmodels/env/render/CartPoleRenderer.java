package org.worldmodels.env.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * CartPole-v1 as Gymnasium draws it (ARCHITECTURE.md, "Pixels"), on a 600 x 400 screen, y up, white
 * background: 125 px per metre (600 / 4.8); a black track line at y = 100; a black cart 50 x 30
 * centred at (300 + 125 x, 100); the pole a 10 px wide bar from -5 to 120 px along its axis, colour
 * (202, 152, 101), rotated by -theta about the axle at (300 + 125 x, 107.5) (so a positive theta
 * leans it right); the axle a circle of radius 5, colour (129, 132, 203).
 *
 * <p><b>Frame.</b> The window x in [0, 600], y in [{@value #WINDOW_BOTTOM}, {@value #WINDOW_TOP}]
 * of the screen, drawn onto N x N ({@link ScreenCanvas}): the full width, since the cart may travel
 * to either edge, and a 200 px band around everything that is ever drawn (cart bottom at 85, pole
 * tip at most 227.6), which drops the screen's empty upper half and doubles the height the pole
 * covers. At N = 64 the pole is about 1.1 px wide and 38 px tall.
 */
public final class CartPoleRenderer extends ScreenCanvas {
  /** Gymnasium's screen width, px. */
  public static final double SCREEN_WIDTH = 600;

  /** Screen pixels per metre: 600 / (2 x 2.4). */
  public static final double SCALE = SCREEN_WIDTH / 4.8;

  /** Height of the track line and the cart's centre, px. */
  public static final double TRACK_Y = 100;

  /** Height of the axle, px: the cart's centre plus a quarter of its height. */
  public static final double AXLE_Y = TRACK_Y + 30 / 4.0;

  /** Lower edge of the window drawn into the frame, screen px (y up). */
  public static final double WINDOW_BOTTOM = 60;

  /** Upper edge of the window drawn into the frame, screen px (y up). */
  public static final double WINDOW_TOP = 260;

  static final double CART_WIDTH = 50;
  static final double CART_HEIGHT = 30;
  static final double POLE_WIDTH = 10;

  /** From the axle to the pole's far end: Gymnasium's pole length 2 x 0.5 m less half a width. */
  static final double POLE_REACH = SCALE * 1.0 - POLE_WIDTH / 2;

  static final Color CART = new Color(0, 0, 0);
  static final Color POLE = new Color(202, 152, 101);
  static final Color AXLE = new Color(129, 132, 203);
  static final Color TRACK = new Color(0, 0, 0);

  /** A renderer of {@code size x size} frames. */
  public CartPoleRenderer(int size) {
    super(size, 4, 0, SCREEN_WIDTH, WINDOW_BOTTOM, WINDOW_TOP);
  }

  @Override
  void draw(Graphics2D g, float[] state) {
    double cartX = SCREEN_WIDTH / 2 + SCALE * state[0];
    double theta = state[2];
    g.setColor(CART);
    g.fill(
        new Rectangle2D.Double(
            cartX - CART_WIDTH / 2, TRACK_Y - CART_HEIGHT / 2, CART_WIDTH, CART_HEIGHT));
    Graphics2D pole = (Graphics2D) g.create();
    try {
      pole.translate(cartX, AXLE_Y);
      pole.rotate(-theta);
      pole.setColor(POLE);
      pole.fill(
          new Rectangle2D.Double(
              -POLE_WIDTH / 2, -POLE_WIDTH / 2, POLE_WIDTH, POLE_REACH + POLE_WIDTH / 2));
    } finally {
      pole.dispose();
    }
    double r = POLE_WIDTH / 2;
    g.setColor(AXLE);
    g.fill(new Ellipse2D.Double(cartX - r, AXLE_Y - r, 2 * r, 2 * r));
    // Gymnasium draws the one-pixel track line last, over the cart.
    g.setColor(TRACK);
    g.fill(new Rectangle2D.Double(0, TRACK_Y - 0.5, SCREEN_WIDTH, 1));
  }
}
