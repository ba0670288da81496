package org.worldmodels.engine.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.worldmodels.engine.Engine;
import org.worldmodels.engine.Engines;
import org.worldmodels.engine.Unit;
import org.worldmodels.tf.TfRuntime;

/**
 * The Spark engine: each unit of work is one Spark task ({@code parallelize(units, units.size())
 * .map(work).collect()}), results in unit order. Every TensorFlow session on an executor takes the
 * driver's thread setting ({@code WORLDMODELS_THREADS}, passed as an executor environment variable)
 * and a task claims that many cores ({@code spark.task.cpus}), so task slots = cores / threads and
 * bits match the local engine at the same CPU model. Speculation is off: a unit writes files, and a
 * rerun (after a lost executor) writes the same bytes.
 *
 * <p>Settings given as {@code -Dspark.*} system properties or through {@code spark-submit} win over
 * these defaults.
 */
public final class SparkEngine implements Engine {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");

  private final JavaSparkContext sc;
  private final int slots;

  /** Starts a Spark context at {@code master}. */
  public SparkEngine(String master) {
    int threads = TfRuntime.threads();
    SparkConf conf = new SparkConf().setAppName("worldmodels");
    conf.setIfMissing("spark.master", master);
    String m = conf.get("spark.master");
    Matcher local = LOCAL.matcher(m);
    int cpus = threads;
    if (local.matches()) {
      // In local[N] a task may not claim more than N cores.
      String n = local.group(1);
      int cores =
          n == null
              ? 1
              : "*".equals(n) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
      cpus = Math.min(threads, cores);
    }
    conf.setIfMissing("spark.task.cpus", Integer.toString(cpus));
    conf.setIfMissing("spark.executor.cores", Integer.toString(threads));
    conf.setIfMissing("spark.executorEnv.WORLDMODELS_THREADS", Integer.toString(threads));
    conf.setIfMissing("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", "2");
    conf.setIfMissing("spark.executorEnv.TF_OVERRIDE_GLOBAL_THREADPOOL", "1");
    conf.set("spark.speculation", "false");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    this.sc = new JavaSparkContext(conf);
    sc.setLogLevel(System.getProperty("worldmodels.sparkLogLevel", "WARN"));
    this.slots = Math.max(1, sc.defaultParallelism() / Math.max(1, cpus));
  }

  @Override
  public String name() {
    return Engines.SPARK;
  }

  @Override
  public int slots() {
    return slots;
  }

  /** The context, for tests that watch the executors. */
  public JavaSparkContext context() {
    return sc;
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(
      List<T> units, Unit<T, R> work) {
    if (units.isEmpty()) {
      return List.of();
    }
    try {
      return new ArrayList<>(
          sc.parallelize(new ArrayList<>(units), units.size()).map(work::run).collect());
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      throw unwrap(e);
    }
  }

  /**
   * Bad input found by a task stays bad input (exit 2), whatever Spark wrapped it in: the cause if
   * Spark kept it, else the task's message after {@code java.lang.IllegalArgumentException: }.
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException bad) {
        return new IllegalArgumentException(bad.getMessage(), e);
      }
    }
    String marker = IllegalArgumentException.class.getName() + ": ";
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf(marker);
    if (at >= 0) {
      String rest = m.substring(at + marker.length());
      int nl = rest.indexOf('\n');
      return new IllegalArgumentException(nl < 0 ? rest : rest.substring(0, nl), e);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  @Override
  public void close() {
    sc.close();
  }
}
