package org.worldmodels.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.WorldModel;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.util.Json;

/** Checkpoints: round trip, version checks, missing files and what a killed writer leaves. */
class CheckpointsTest {
  private static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          2, 1, 4, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10);

  private static final String SPEC =
      "{\"z_size\": 2, \"action\": {\"type\": \"box\", \"low\": [-1], \"high\": [1]}}";

  @TempDir Path tmp;

  private Path write(String name, long step) throws IOException {
    Path dir = tmp.resolve(name);
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(step));
    CheckpointMetadata meta =
        CheckpointMetadata.builder()
            .libraryVersion("0.0.9")
            .step(step)
            .model(CONFIG)
            .train(Json.valueToTree(TrainConfig.defaults()))
            .dataSpec(Json.parseTree(SPEC))
            .dataFingerprint("fingerprint")
            .latentRange(new LatentBounds(new float[] {-1, -2}, new float[] {1, 2}))
            .threads(1)
            .created("2000-01-01T00:00:00Z")
            .build();
    Checkpoints.save(dir, new Checkpoint(meta, w, Map.of("m/lstm/bias", new float[] {1, 2})));
    return dir;
  }

  private static void setMetadata(Path dir, String key, Object value) throws IOException {
    Path file = Checkpoints.latestDir(dir).resolve(Checkpoints.METADATA);
    ObjectNode m = (ObjectNode) Json.readTree(file);
    m.set(key, Json.valueToTree(value));
    Files.writeString(file, Json.pretty(m));
  }

  @Test
  void roundTripFollowsLatestAndKeepsTheNewestTwo() throws IOException {
    Path dir = write("m", 5);
    MdnRnnWeights w7 = MdnRnnWeights.initial(CONFIG, new SplittableRandom(7));
    for (long step : new long[] {6, 7}) {
      Checkpoint c = Checkpoints.load(dir, true);
      CheckpointMetadata m = c.metadata();
      CheckpointMetadata next = m.toBuilder().step(step).build();
      Checkpoints.save(dir, new Checkpoint(next, step == 7 ? w7 : c.weights(), c.optimizer()));
    }
    Checkpoint c = Checkpoints.load(dir, true);
    assertThat(c.metadata().step()).isEqualTo(7);
    assertThat(c.weights().lstmKernel()).isEqualTo(w7.lstmKernel());
    assertThat(c.optimizer().get("m/lstm/bias")).containsExactly(1, 2);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(Checkpoints.name(6), Checkpoints.name(7), Checkpoints.LATEST);
    }
  }

  @Test
  void anotherFormatVersionIsRefusedNamingTheFileAndBothVersions() throws IOException {
    Path dir = write("v", 3);
    setMetadata(dir, "formatVersion", 2);
    Path file = Checkpoints.latestDir(dir).resolve(Checkpoints.METADATA);
    for (var load :
        new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {
          () -> Checkpoints.load(dir, false),
          () -> Checkpoints.metadata(dir),
          () -> WorldModel.load(dir)
        }) {
      assertThatThrownBy(load)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": key 'formatVersion' is 2 (written by worldmodels 0.0.9); this build reads"
                  + " format version "
                  + Checkpoints.FORMAT_VERSION);
    }
  }

  @Test
  void anotherFormatIsRefused() throws IOException {
    Path dir = write("f", 3);
    setMetadata(dir, "format", "something-else");
    assertThatThrownBy(() -> Checkpoints.load(dir, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Checkpoints.METADATA)
        .hasMessageContaining("key 'format' is 'something-else'")
        .hasMessageContaining("expected '" + Checkpoints.FORMAT + "'");
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    Path dir = write("w", 3);
    Path ckpt = Checkpoints.latestDir(dir);
    Files.delete(ckpt.resolve(Checkpoints.OPTIMIZER));
    assertThat(Checkpoints.load(dir, false).metadata().step()).isEqualTo(3);
    assertThatThrownBy(() -> Checkpoints.load(dir, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(ckpt.resolve(Checkpoints.OPTIMIZER) + ": no such file");
    Files.delete(ckpt.resolve(Checkpoints.WEIGHTS));
    assertThatThrownBy(() -> WorldModel.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(ckpt.resolve(Checkpoints.WEIGHTS) + ": no such file");
    Files.delete(ckpt.resolve(Checkpoints.METADATA));
    assertThatThrownBy(() -> Checkpoints.load(dir, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(ckpt.resolve(Checkpoints.METADATA) + ": no such file");
  }

  @Test
  void weightsOfAnotherShapeAreRefusedNamingTheKey() throws IOException {
    Path dir = write("s", 3);
    setMetadata(
        dir,
        "model",
        new MdnRnnConfig(
            2, 1, 5, 2, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, false, false, 10));
    assertThatThrownBy(() -> Checkpoints.load(dir, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Checkpoints.WEIGHTS)
        .hasMessageContaining("key 'lstm/kernel'");
  }

  @Test
  void leftoversOfAKilledWriterAreRemovedAndNothingElse() throws IOException {
    Path dir = write("k", 3);
    Files.createDirectories(dir.resolve(".tmp-8"));
    Files.writeString(dir.resolve(".tmp-8").resolve("weights.npz"), "partial");
    Files.writeString(dir.resolve(".tmp-latest.json123"), "{");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Checkpoints.removeLeftovers(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(Checkpoints.name(3), Checkpoints.LATEST, "notes.txt");
    }
    Checkpoints.removeLeftovers(tmp.resolve("no-such-dir")); // nothing to do
  }
}
