/**
 * Small shared helpers with no dependency on the rest of the project: argument checks that name the
 * value ({@link org.worldmodels.util.Check}), crash-safe writes ({@link
 * org.worldmodels.util.AtomicFiles}, {@link org.worldmodels.util.OutputDir}), JSON ({@link
 * org.worldmodels.util.Json}), seeded streams keyed by (seed, keys) ({@link
 * org.worldmodels.util.Seeds}), progress reporting and the library version.
 */
package org.worldmodels.util;
