/**
 * Frames of environments, drawn with Java2D the way Gymnasium's {@code rgb_array} render mode draws
 * them (ARCHITECTURE.md, "Pixels and the vision model V"): one {@link
 * org.worldmodels.env.render.Renderer} per environment ({@link
 * org.worldmodels.env.render.CartPoleRenderer}, {@link
 * org.worldmodels.env.render.PendulumRenderer}) turns a state vector into an {@code N x N} RGB
 * frame, uint8, row 0 at the top. The scene is drawn directly at {@code N x N} with anti-aliasing,
 * through a transform from a documented window of the Gymnasium screen (y up); see the package's
 * {@code ScreenCanvas}.
 *
 * <p>Depends on the JDK only ({@code java.awt}, headless); {@code env} uses it, never the other
 * way.
 */
package org.worldmodels.env.render;
