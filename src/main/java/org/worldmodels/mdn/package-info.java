/**
 * Mixture density networks (Bishop 1994). Component families ({@link
 * org.worldmodels.mdn.ComponentFamily}: Gaussian, Laplace, or any class implementing it), scale and
 * mean activations, the mixture head and its log-space NLL as TensorFlow ops ({@link
 * org.worldmodels.mdn.MdnHead}), the plain-Java mixture with density, moments, most probable point
 * and temperature sampling ({@link org.worldmodels.mdn.Mixture}), and the standalone regressor with
 * Bishop's inverted-sine problem ({@link org.worldmodels.mdn.MdnRegressor}, {@link
 * org.worldmodels.mdn.InvertedSine}).
 *
 * <p>Depends on {@code tf}, {@code io} and {@code util}; nothing here knows about sequences,
 * episodes or environments.
 */
package org.worldmodels.mdn;
