package org.worldmodels;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.LatentRange;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamEnvs;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.rnn.Checkpoint;
import org.worldmodels.rnn.CheckpointMetadata;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.LatentBounds;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.StepGraph;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;

/**
 * A trained MDN-RNN, ready to dream: what agents use.
 *
 * <pre>{@code
 * try (WorldModel model = WorldModel.load(Path.of("runs/cartpole-0/model"));
 *      DreamEnv dream = model.dreamEnv(64, 1.0, 7)) {
 *   dream.reset(z0);
 *   DreamStep s = dream.step(z0, actions);
 * }
 * }</pre>
 *
 * <p>Thread-safe: several {@link DreamEnv}s, on different threads, may share one model, and each
 * dreams exactly what it would dream alone. Its weights are immutable; the TensorFlow graph for
 * large batches is built once, on first use (under the model's lock), and TensorFlow sessions
 * accept concurrent runs. A single DreamEnv is not thread-safe.
 *
 * <p>Closing: {@link #close()} closes that graph; a second call does nothing. Afterwards {@link
 * #dreamEnv} throws {@link IllegalStateException}, and so does every call on a dream opened from
 * the model, on either backend. Close the model only after its dreams have stopped stepping; the
 * accessors of the weights, config and spec keep working (they are plain Java values).
 */
public final class WorldModel implements AutoCloseable {
  private final Path dir;
  private final Checkpoint checkpoint;
  private final MdnRnnCell cell;
  private final LatentRange latentRange;
  private StepGraph graph;
  private volatile boolean closed;

  private WorldModel(Path dir, Checkpoint checkpoint) {
    this.dir = dir;
    this.checkpoint = checkpoint;
    this.cell = new MdnRnnCell(checkpoint.metadata().model(), checkpoint.weights());
    this.latentRange = rangeOf(dir, checkpoint.metadata().latentRange());
  }

  /** The checkpoint's bounds as a range, checked when the model loads. */
  private static LatentRange rangeOf(Path dir, LatentBounds b) {
    if (b == null) {
      return null;
    }
    try {
      return new LatentRange(b.min(), b.max());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          dir + ": checkpoint key 'latentRange': " + e.getMessage(), e);
    }
  }

  /**
   * Loads the latest checkpoint of a model directory written by {@code train}.
   *
   * @throws IllegalArgumentException naming the file if the directory is missing, incomplete,
   *     corrupt or from an incompatible version
   */
  public static WorldModel load(Path dir) throws IOException {
    return new WorldModel(dir, Checkpoints.load(dir, false));
  }

  /**
   * A model from weights in memory (benchmarks, tests, models built elsewhere).
   *
   * @param spec the data spec (latent size, action space), as {@code spec.json} holds it
   */
  public static WorldModel of(MdnRnnConfig config, MdnRnnWeights weights, DataSpec spec) {
    weights.checked(config, "weights");
    Check.argument(
        spec.zSize() == config.zSize() && spec.actionSize() == config.actionSize(),
        "spec has z size "
            + spec.zSize()
            + " and action size "
            + spec.actionSize()
            + "; the config has "
            + config.zSize()
            + " and "
            + config.actionSize());
    var meta = CheckpointMetadata.builder().model(config).dataSpec(Json.valueToTree(spec)).build();
    return new WorldModel(
        Path.of("(in memory)"), new Checkpoint(meta, weights, java.util.Map.of()));
  }

  /**
   * A dream of {@code batchSize} rows, sampling both mixture temperatures at {@code temperature},
   * row {@code r} drawing from the stream keyed by ({@code seed}, r).
   *
   * @throws IllegalArgumentException if the batch size or temperature is out of range
   */
  public DreamEnv dreamEnv(int batchSize, double temperature, long seed) {
    return dreamEnv(
        DreamOptions.builder().batchSize(batchSize).temperature(temperature).seed(seed).build());
  }

  /** A dream with the given options. */
  public DreamEnv dreamEnv(DreamOptions options) {
    ensureOpen();
    return DreamEnvs.open(config(), cell, this::stepGraph, options, this::isOpen);
  }

  private synchronized StepGraph stepGraph() {
    ensureOpen();
    if (graph == null) {
      graph = new StepGraph(config(), checkpoint.weights());
    }
    return graph;
  }

  private void ensureOpen() {
    Check.state(!closed, "WorldModel " + dir + " is closed");
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return !closed;
  }

  /** The model's shape. */
  public MdnRnnConfig config() {
    return checkpoint.metadata().model();
  }

  /** The weights. */
  public MdnRnnWeights weights() {
    return checkpoint.weights();
  }

  /** The plain-Java cell over the weights (for controllers in real environments). */
  public MdnRnnCell cell() {
    return cell;
  }

  /** The training data's {@code spec.json}, as recorded in the checkpoint. */
  public JsonNode dataSpec() {
    return checkpoint.metadata().dataSpec();
  }

  /** The training data's spec: latent size, action space, time limit. */
  public DataSpec spec() {
    try {
      return Json.treeToValue(dataSpec(), DataSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          dir + ": the checkpoint's data spec is unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * The range the training latents span, if the checkpoint records it (models trained by this
   * library do; models built in memory do not).
   */
  public Optional<LatentRange> latentRange() {
    return Optional.ofNullable(latentRange);
  }

  /** The checkpoint's step. */
  public long step() {
    return checkpoint.metadata().step();
  }

  /** The model directory. */
  public Path directory() {
    return dir;
  }

  /** Closes the TensorFlow graph if one was built; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (graph != null) {
      graph.close();
    }
  }
}
