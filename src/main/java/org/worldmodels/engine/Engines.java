package org.worldmodels.engine;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.worldmodels.util.Check;

/**
 * Opens an engine by name: {@code local} (a thread pool in this JVM) or one registered by an {@link
 * EngineProvider}, such as {@code spark}.
 *
 * <pre>{@code
 * try (Engine e = Engines.open("spark", "local[2]")) {
 *   CmaesSearch.Result r = e.control(request, Progress.NONE);
 * }
 * }</pre>
 */
public final class Engines {
  /** The engine of the default build. */
  public static final String LOCAL = "local";

  /** The Spark engine, present in a build with the {@code spark} profile. */
  public static final String SPARK = "spark";

  /** The default master of the Spark engine: every core of this machine. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** How to get the Spark engine, in the one line a missing one is reported with. */
  public static final String HOW_TO_GET_SPARK =
      "--engine spark: this build has no Spark engine; build it with"
          + " mvn -B -Pspark -DskipTests package (adds target/spark-lib)";

  private Engines() {}

  /**
   * Opens the engine {@code name}.
   *
   * @param master where a distributed engine runs; null for its default ({@value #DEFAULT_MASTER})
   * @throws IllegalArgumentException for an unknown name, a master given to the local engine, or an
   *     engine this build lacks (one line saying how to get it)
   */
  public static Engine open(String name, String master) {
    EngineProvider p = provider(name, master);
    return p == null ? new LocalEngine() : p.open(master == null ? DEFAULT_MASTER : master);
  }

  /**
   * Checks that {@code open(name, master)} can succeed, without starting anything: the same
   * exceptions, before a command does any work.
   */
  public static void check(String name, String master) {
    provider(name, master);
  }

  /** Null for the local engine. */
  private static EngineProvider provider(String name, String master) {
    Check.argument(
        LOCAL.equals(name) || SPARK.equals(name),
        "--engine must be local or spark, got '" + name + "'");
    if (LOCAL.equals(name)) {
      Check.argument(
          master == null, "--master " + master + ": only --engine spark takes a master URL");
      return null;
    }
    try {
      for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
        if (p.name().equals(name)) {
          // A jar built with the engine but run without target/spark-lib has the provider only.
          Class.forName(
              "org.apache.spark.api.java.JavaSparkContext", false, p.getClass().getClassLoader());
          return p;
        }
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(HOW_TO_GET_SPARK, e);
    } catch (ServiceConfigurationError | LinkageError e) {
      // The engine's classes are in the jar but Spark is not on the class path.
      throw new IllegalArgumentException(HOW_TO_GET_SPARK, e);
    }
    throw new IllegalArgumentException(HOW_TO_GET_SPARK);
  }
}
