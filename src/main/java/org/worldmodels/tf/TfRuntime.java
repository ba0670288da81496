package org.worldmodels.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How sessions are configured, in one place.
 *
 * <p>The first {@link Session} of a JVM fixes TensorFlow's thread pools for the whole process, so
 * every session here uses the same configuration: {@link #threads()} intra-op threads, one inter-op
 * thread (ops run one at a time, each using all threads) unless a session asks for a pool of its
 * own ({@link #session(Graph, int)}), and Grappler off (it added about 1.5 s to the first run of an
 * unrolled LSTM and no speed after it).
 *
 * <p>The thread count comes from the system property {@code worldmodels.threads}, else the
 * environment variable {@code WORLDMODELS_THREADS}, else the number of available processors. Same
 * seed and same thread count give the same bits.
 */
public final class TfRuntime {
  private TfRuntime() {}

  /** The intra-op thread count every session uses. */
  public static int threads() {
    String s = System.getProperty("worldmodels.threads");
    if (s == null || s.isBlank()) {
      s = System.getenv("WORLDMODELS_THREADS");
    }
    if (s != null && !s.isBlank()) {
      try {
        int n = Integer.parseInt(s.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new IllegalArgumentException(
          "worldmodels.threads / WORLDMODELS_THREADS must be an integer >= 1, got '" + s + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** The session configuration. */
  public static ConfigProto config() {
    return builder().build();
  }

  private static ConfigProto.Builder builder() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads())
        .setInterOpParallelismThreads(1)
        .setGraphOptions(
            GraphOptions.newBuilder()
                .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
  }

  /** A session on {@code graph} with the project's configuration. */
  public static Session session(Graph graph) {
    return new Session(graph, config());
  }

  /**
   * A session on {@code graph} that runs up to {@code interOpThreads} independent ops at a time, on
   * a pool of its own (other sessions keep running one op at a time). The intra-op threads are
   * shared with every other session. Results do not depend on the order in which independent ops
   * run (each kernel's arithmetic depends only on the intra-op thread count), so they stay bitwise
   * reproducible for a given {@link #threads()}.
   */
  public static Session session(Graph graph, int interOpThreads) {
    if (interOpThreads == 1) {
      return session(graph);
    }
    return new Session(
        graph,
        builder()
            .setUsePerSessionThreads(true)
            .setInterOpParallelismThreads(interOpThreads)
            .build());
  }
}
