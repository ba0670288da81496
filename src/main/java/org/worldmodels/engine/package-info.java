/**
 * Engines: where the units of work of a command run. {@link org.worldmodels.engine.Engine} names
 * the units (a block of episodes, a block of CMA-ES candidates as one batched dream, one seed of a
 * sweep) and runs them through one method, {@code map}; {@link org.worldmodels.engine.LocalEngine}
 * is a thread pool in this JVM, and the Spark engine (build profile {@code spark}, {@code
 * src/spark/java}) is found by {@link org.worldmodels.engine.Engines#open} through an {@link
 * org.worldmodels.engine.EngineProvider}. Depends on pipeline, control and rollout; only cli (and
 * the Spark engine) import it.
 */
package org.worldmodels.engine;
