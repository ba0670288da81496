package org.worldmodels.engine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.worldmodels.tf.TfRuntime;
import org.worldmodels.util.Check;

/**
 * The engine of the default build: units run on a pool of {@link #slots()} threads in this JVM
 * (cores / {@code WORLDMODELS_THREADS}, at least 1), results gathered in unit order. It runs the
 * same units as the Spark engine, so it is also the reference the Spark tests compare with.
 */
public final class LocalEngine implements Engine {
  private final int slots;
  private final ExecutorService pool;

  /** A pool of cores / {@code WORLDMODELS_THREADS} threads. */
  public LocalEngine() {
    this(Math.max(1, Runtime.getRuntime().availableProcessors() / TfRuntime.threads()));
  }

  /** A pool of {@code slots} threads. */
  public LocalEngine(int slots) {
    this.slots = Check.inRange("slots", slots, 1, 4096);
    this.pool =
        Executors.newFixedThreadPool(
            slots,
            r -> {
              Thread t = new Thread(r, "worldmodels-engine");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String name() {
    return Engines.LOCAL;
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(
      List<T> units, Unit<T, R> work) {
    List<Future<R>> futures = new ArrayList<>(units.size());
    for (T u : units) {
      futures.add(pool.submit(() -> work.run(u)));
    }
    List<R> out = new ArrayList<>(units.size());
    try {
      for (Future<R> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(c);
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
