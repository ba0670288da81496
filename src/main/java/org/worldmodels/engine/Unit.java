package org.worldmodels.engine;

import java.io.Serializable;

/**
 * One kind of unit of work: turns a unit's plain-data description into its result. It is {@link
 * Serializable} so that an engine can ship it to another JVM; it must hold plain data only (no
 * TensorFlow object, no open file), and take whatever native state it needs from {@link
 * ExecutorCache} where it runs.
 *
 * @param <T> the unit's description
 * @param <R> its result
 */
@FunctionalInterface
public interface Unit<T, R> extends Serializable {
  /** Does the work of one unit. */
  R run(T unit) throws Exception;
}
