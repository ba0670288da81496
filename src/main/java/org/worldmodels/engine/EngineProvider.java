package org.worldmodels.engine;

/**
 * Opens an engine that lives outside the core, found with {@link java.util.ServiceLoader}: the
 * Spark engine of the {@code spark} build profile registers one in {@code
 * META-INF/services/org.worldmodels.engine.EngineProvider}.
 */
public interface EngineProvider {
  /** The name {@code --engine} selects it by, such as {@code spark}. */
  String name();

  /**
   * Opens the engine.
   *
   * @param master where it runs (for Spark a master URL such as {@code local[*]} or {@code
   *     spark://host:7077})
   */
  Engine open(String master);
}
