package org.worldmodels.engine.spark;

import org.worldmodels.engine.Engine;
import org.worldmodels.engine.EngineProvider;
import org.worldmodels.engine.Engines;

/** Registers {@link SparkEngine} as {@code --engine spark}. */
public final class SparkEngineProvider implements EngineProvider {
  @Override
  public String name() {
    return Engines.SPARK;
  }

  @Override
  public Engine open(String master) {
    return new SparkEngine(master);
  }
}
