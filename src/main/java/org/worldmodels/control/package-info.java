/**
 * Optimisers for controllers: an ask/tell CMA-ES ({@link org.worldmodels.control.Cmaes}) that
 * scores a whole population at once. Lower fitness is better; controllers pass negated returns.
 *
 * <p>Randomness comes only from streams keyed by (seed, generation). Depends on commons-math3 for
 * eigendecompositions and on {@code org.worldmodels.util}; controllers will add dream and env.
 */
package org.worldmodels.control;
