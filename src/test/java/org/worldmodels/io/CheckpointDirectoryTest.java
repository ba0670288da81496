package org.worldmodels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint layout both models share: writing, pruning, following latest.json, reading. */
class CheckpointDirectoryTest {
  private static final CheckpointDirectory.Kind KIND =
      new CheckpointDirectory.Kind("thing", "thing train", "n");

  record Latest(String checkpoint, long n) {}

  record Meta(long n) {}

  private static void save(Path dir, long n) throws IOException {
    String name = "ckpt-" + n;
    CheckpointDirectory.save(
        dir,
        n,
        name,
        Map.of("w", NpyArray.ofFloats(new float[] {n, -n}, 2)),
        Map.of("w/m", new float[] {0.5f, 0.25f}),
        new Meta(n),
        new Latest(name, n));
  }

  @Test
  void theLatestIsFollowedAndOnlyTheNewestTwoAreKept(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("d");
    for (long n = 1; n <= 4; n++) {
      save(dir, n);
    }
    List<String> names;
    try (Stream<Path> s = Files.list(dir)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).containsExactly("ckpt-3", "ckpt-4", CheckpointDirectory.LATEST);
    Path latest = CheckpointDirectory.latestDir(dir, KIND);
    assertThat(latest).isEqualTo(dir.resolve("ckpt-4"));
    assertThat(CheckpointDirectory.readFloats(latest.resolve(CheckpointDirectory.WEIGHTS)).get("w"))
        .containsExactly(4f, -4f);
    assertThat(
            CheckpointDirectory.readFloats(latest.resolve(CheckpointDirectory.OPTIMIZER))
                .get("w/m"))
        .containsExactly(0.5f, 0.25f);
  }

  @Test
  void leftoversOfAKilledWriterAreRemovedAndCheckpointsKept(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("d");
    save(dir, 1);
    Files.createDirectories(dir.resolve(".tmp-2"));
    Files.writeString(dir.resolve(".tmp-latest.json"), "{");
    CheckpointDirectory.removeLeftovers(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("ckpt-1", CheckpointDirectory.LATEST);
    }
  }

  @Test
  void aDirectoryWithoutAGoodPointerIsNamedInOneLine(@TempDir Path tmp) throws IOException {
    assertThatThrownBy(() -> CheckpointDirectory.latestDir(tmp.resolve("none"), KIND))
        .hasMessage(tmp.resolve("none") + ": no such thing directory");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> CheckpointDirectory.latestDir(empty, KIND))
        .hasMessage(
            empty + ": not a thing directory (no latest.json); expected the --out of thing train");
    Path odd = Files.createDirectories(tmp.resolve("odd"));
    Files.writeString(odd.resolve(CheckpointDirectory.LATEST), "{\"checkpoint\": \"../x\"}");
    assertThatThrownBy(() -> CheckpointDirectory.latestDir(odd, KIND))
        .hasMessageEndingWith("key 'checkpoint' is '../x'; expected ckpt-<n>");
    Path dangling = Files.createDirectories(tmp.resolve("dangling"));
    Files.writeString(
        dangling.resolve(CheckpointDirectory.LATEST), "{\"checkpoint\": \"ckpt-7\", \"n\": 7}");
    assertThatThrownBy(() -> CheckpointDirectory.latestDir(dangling, KIND))
        .hasMessageContaining("names ckpt-7, which is missing from " + dangling);
  }

  @Test
  void aValueThatIsNotFiniteIsRefusedWithItsKeyAndIndex(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("weights.npz");
    Npz.write(file, Map.of("a/kernel", NpyArray.ofFloats(new float[] {1, Float.NaN, 2}, 3)));
    assertThatThrownBy(() -> CheckpointDirectory.readFloats(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": key 'a/kernel' holds NaN at index 1");
    assertThatThrownBy(() -> CheckpointDirectory.readFloats(tmp.resolve("missing.npz")))
        .hasMessage(tmp.resolve("missing.npz") + ": no such file");
  }
}
