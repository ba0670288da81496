package org.worldmodels.tf;

import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.worldmodels.util.ResumeSetting;

/**
 * How sessions are configured, in one place.
 *
 * <p>By default the first {@link Session} of a JVM fixes TensorFlow's intra-op thread pool for the
 * whole process, so every session here uses the same configuration: {@link #threads()} intra-op
 * threads, one inter-op thread (ops run one at a time, each using all threads) unless a session
 * asks for a pool of its own ({@link #session(Graph, int)}), and Grappler off (it added about 1.5 s
 * to the first run of an unrolled LSTM and no speed after it).
 *
 * <p>The thread count comes from the system property {@code worldmodels.threads}, else the
 * environment variable {@code WORLDMODELS_THREADS}, else the number of available processors. Same
 * seed and same thread count give the same bits.
 *
 * <p>With {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} in the environment at start-up ({@code
 * bin/worldmodels} sets it) each session has an intra-op pool of its own instead of the process's
 * one pool ({@link #sessionsOwnThreads()}), so a session that runs two ops at a time can have one
 * thread per op ({@link #session(Graph, int)}); the MDN-RNN's window sessions (training and
 * evaluation, up to 250 steps) do, and so does V's inference graph. For the MDN-RNN, at every shape
 * checked (2 cores, docs/performance.md), that gives the same bits as the shared pool, which the
 * kernels do not promise: checkpoints record the setting and a resumed training refuses another.
 * V's inference graph does not: TensorFlow's own convolution sums in another order on one thread
 * than on two, so V's latents depend on the setting (docs/vision.md, "The inference graph in
 * halves").
 */
public final class TfRuntime {
  private TfRuntime() {}

  /**
   * The thread count: every session's intra-op threads, but for sessions that run two ops at a time
   * where sessions own their threads ({@link #session(Graph, int)}).
   */
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

  /**
   * Whether each session has intra-op threads of its own: TensorFlow reads {@code
   * TF_OVERRIDE_GLOBAL_THREADPOOL} once, at its first session, and then gives every session's
   * device a pool of the session's own intra-op size rather than sharing the first session's.
   */
  public static boolean sessionsOwnThreads() {
    String s = System.getenv("TF_OVERRIDE_GLOBAL_THREADPOOL");
    // As TensorFlow parses it (no trimming): "1" or "true" in any case.
    return s != null && (s.equals("1") || s.equalsIgnoreCase("true"));
  }

  /**
   * Throws unless this JVM has the thread settings that {@code dir} (a checkpoint or a run) was
   * written under: {@code threads} ({@link #threads()}; 0 if not recorded) and {@code
   * sessionsOwnThreads} ({@link #sessionsOwnThreads()}; null if not recorded). A resume under
   * others would fork from the uninterrupted run; what older files did not record is not checked.
   *
   * @throws IllegalArgumentException naming the variable to set, as {@link ResumeSetting#check}
   */
  public static void checkResumed(Path dir, int threads, Boolean sessionsOwnThreads) {
    if (threads > 0) {
      ResumeSetting.check(dir, "WORLDMODELS_THREADS", threads, threads());
    }
    if (sessionsOwnThreads != null) {
      ResumeSetting.check(
          dir,
          "TF_OVERRIDE_GLOBAL_THREADPOOL",
          sessionsOwnThreads ? 1 : 0,
          sessionsOwnThreads() ? 1 : 0);
    }
  }

  /** The session configuration. */
  public static ConfigProto config() {
    return builder(threads()).build();
  }

  private static ConfigProto.Builder builder(int intraOpThreads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
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
   * A session on {@code graph} that runs up to {@code interOpThreads} independent ops at a time
   * (but not more than {@link #threads()}), on an inter-op pool of its own (other sessions keep
   * running one op at a time). Where sessions own their intra-op threads ({@link
   * #sessionsOwnThreads()}) its device gets an intra-op pool of {@link #threads()} / {@code
   * interOpThreads} threads (at least one): two ops at a time on two cores then run one thread
   * each, where with the shared pool each op split its small kernels over both cores and waited for
   * a core the other op held (a training step at batch 64 x 32 steps, LSTM 128: about 15% less
   * time, docs/performance.md). Otherwise the intra-op threads are shared with every other session.
   * Results do not depend on the order in which independent ops run; for the MDN-RNN's graphs at
   * the recipes' and the benchmarks' shapes they were also the same bits with either intra-op count
   * (checked on 2 cores: {@code SequenceGraphTest}), which the product and reduction kernels do not
   * promise in general (V's convolutions give other bits).
   */
  public static Session session(Graph graph, int interOpThreads) {
    int inter = interOpThreads(interOpThreads, threads());
    return session(graph, inter, Math.max(1, threads() / Math.max(1, inter)));
  }

  /**
   * The ops at a time of a session asking for {@code requested} when the thread count is {@code
   * threads}: no more than the threads, so that {@code WORLDMODELS_THREADS=1} keeps TensorFlow's
   * work on one thread. Each op runs one intra-op thread either way, so the bits are the same.
   */
  static int interOpThreads(int requested, int threads) {
    return requested < 1 ? requested : Math.min(requested, threads);
  }

  /**
   * As {@link #session(Graph, int)} with {@code intraOpThreads} intra-op threads where sessions own
   * their threads (tests compare intra-op counts).
   */
  public static Session session(Graph graph, int interOpThreads, int intraOpThreads) {
    if (interOpThreads < 1 || intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "inter-op and intra-op threads must be >= 1, got "
              + interOpThreads
              + " and "
              + intraOpThreads);
    }
    int intra = sessionsOwnThreads() ? intraOpThreads : threads();
    if (interOpThreads == 1 && intra == threads()) {
      return session(graph);
    }
    return new Session(
        graph,
        builder(intra)
            .setUsePerSessionThreads(true)
            .setInterOpParallelismThreads(interOpThreads)
            .build());
  }
}
