/**
 * The Spark engine (build profile {@code spark}): {@link org.worldmodels.engine.spark.SparkEngine}
 * runs the units of {@link org.worldmodels.engine.Engine} as Spark tasks. Nothing else imports this
 * package; {@link java.util.ServiceLoader} finds it.
 */
package org.worldmodels.engine.spark;
