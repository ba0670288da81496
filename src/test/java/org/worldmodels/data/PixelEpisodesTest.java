package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyArray.DType;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Json;

/**
 * Episodes with frames (ARCHITECTURE.md, "Pixels and the vision model V"): uint8 {@code frames} and
 * float32 {@code state} written and read back bit for bit, a file numpy wrote, a file numpy reads,
 * the spec without {@code z_size}, streaming with {@link FrameEpisodes}, and {@link
 * EpisodeStore#load} refusing frames without {@code z}, naming {@code vae encode}.
 */
class PixelEpisodesTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/pixels");

  @TempDir Path dir;

  /** The value numpy's generator script gives frame byte (t, y, x, c). */
  static int pattern(int t, int y, int x, int c) {
    return (31 * t + 7 * y + 3 * x + 101 * c) % 256;
  }

  /** A pixel episode of T steps and H x W frames following {@link #pattern}, without z. */
  static Episode pixelEpisode(int t, int h, int w) {
    byte[] data = new byte[(t + 1) * h * w * 3];
    int i = 0;
    for (int s = 0; s <= t; s++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < 3; c++) {
            data[i++] = (byte) pattern(s, y, x, c);
          }
        }
      }
    }
    float[][] state = new float[t + 1][4];
    for (int s = 0; s <= t; s++) {
      for (int j = 0; j < 4; j++) {
        state[s][j] = s + j / 8f;
      }
    }
    float[][] action = new float[t][2];
    float[] reward = new float[t];
    boolean[] terminated = new boolean[t];
    for (int s = 0; s < t; s++) {
      action[s][s % 2] = 1;
      reward[s] = 1;
    }
    terminated[t - 1] = true;
    return new Episode(
        null, action, reward, terminated, new boolean[t], new Frames(data, t + 1, h, w), state);
  }

  @Test
  void framesAndStateRoundTripBitForBitWithoutZ() throws IOException {
    Episode e = pixelEpisode(6, 8, 5);
    Path file = dir.resolve(EpisodeStore.fileName(0));
    EpisodeStore.write(file, e);
    Episode back = EpisodeStore.read(file);
    assertEquals(e, back);
    assertThat(back.hasZ()).isFalse();
    assertArrayEquals(e.frames().data(), back.frames().data());
    Map<String, NpyArray> raw = Npz.read(file);
    assertEquals(
        List.of("action", "reward", "terminated", "truncated", "frames", "state"),
        List.copyOf(raw.keySet()));
    assertEquals(DType.UINT8, raw.get("frames").dtype());
    assertArrayEquals(new int[] {7, 8, 5, 3}, raw.get("frames").shape());
    assertEquals(DType.FLOAT32, raw.get("state").dtype());
    // Same episode, same bytes.
    EpisodeStore.write(dir.resolve("again.npz"), e);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("again.npz")));
  }

  @Test
  void episodesWithZAndFramesKeepBoth() throws IOException {
    Episode p = pixelEpisode(3, 2, 2);
    float[][] z = new float[4][2];
    z[2][1] = 0.5f;
    Episode e =
        new Episode(z, p.action(), p.reward(), p.terminated(), p.truncated(), p.frames(), null);
    Path file = dir.resolve("e.npz");
    EpisodeStore.write(file, e);
    assertEquals(e, EpisodeStore.read(file));
    assertThat(Npz.keys(file))
        .containsExactly("z", "action", "reward", "terminated", "truncated", "frames");
  }

  @Test
  void readsAPixelEpisodeNumpyWrote() throws IOException {
    // make_pixel_episode.py beside the fixture wrote it with np.savez_compressed.
    Episode e = EpisodeStore.read(FIXTURES.resolve("pixel_episode.npz"));
    assertEquals(pixelEpisode(3, 4, 5), e);
  }

  @Test
  void numpyReadsWhatWeWrite() throws Exception {
    Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy");
    Path file = dir.resolve("episode_000000.npz");
    EpisodeStore.write(file, pixelEpisode(5, 6, 7));
    Process p =
        new ProcessBuilder(
                "python3",
                FIXTURES.resolve("check_episode.py").toString(),
                file.toString(),
                "6",
                "7")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("ok");
  }

  private static boolean numpyAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void framesSpecHasNoZSizeAndNoEncoder() throws IOException {
    DataSpec spec = DataSpec.frames(64, 64, new ActionSpec.Discrete(2), 500, "cartpole-pixels");
    EpisodeStore.writeSpec(dir, spec);
    JsonNode json = Json.readTree(dir.resolve(EpisodeStore.SPEC_FILE));
    assertThat(json.has("z_size")).isFalse();
    assertThat(json.has("encoder")).isFalse();
    assertEquals("image", json.get("observation").get("type").asText());
    assertEquals("[64,64,3]", json.get("observation").get("shape").toString());
    DataSpec back = EpisodeStore.readSpec(dir).orElseThrow();
    assertEquals(spec, back);
    assertThat(back.hasZ()).isFalse();
    assertThat(back.hasFrames()).isTrue();
    // A spec of latents still needs its z_size.
    Files.writeString(dir.resolve("bad.json"), "{\"action\": {\"type\": \"discrete\", \"n\": 2}}");
    assertThatThrownBy(() -> DataSpec.read(dir.resolve("bad.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'z_size' is missing");
    Files.writeString(
        dir.resolve("bad2.json"),
        "{\"action\": {\"type\": \"discrete\", \"n\": 2}, \"observation\": {\"type\": \"image\","
            + " \"shape\": [64, 64, 4]}}");
    assertThatThrownBy(() -> DataSpec.read(dir.resolve("bad2.json")))
        .hasMessageContaining("'observation.shape' must be [H, W, 3]");
  }

  @Test
  void loadRefusesFramesWithoutZNamingVaeEncode() throws IOException {
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), pixelEpisode(3, 4, 4));
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining("episode_000000.npz")
        .hasMessageContaining("vae encode")
        .hasMessageNotContaining("\n");
    EpisodeStore.writeSpec(
        dir, DataSpec.frames(4, 4, new ActionSpec.Discrete(2), 500, "cartpole-pixels"));
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining("spec.json")
        .hasMessageContaining("vae encode");
  }

  @Test
  void frameEpisodesStreamEachEpisodesFramesAsBytes() throws IOException {
    for (int i = 0; i < 3; i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), pixelEpisode(2 + i, 4, 6));
    }
    FrameEpisodes data = FrameEpisodes.open(dir);
    assertEquals(3, data.episodes());
    assertEquals(4, data.height());
    assertEquals(6, data.width());
    for (int i = 0; i < 3; i++) {
      Frames f = data.read(i);
      assertEquals(pixelEpisode(2 + i, 4, 6).frames(), f);
      assertEquals(3 + i, f.count());
    }
    Frames f = data.read(1);
    float[] batch = new float[2 * f.frameBytes()];
    f.copyUnit(3, batch, f.frameBytes());
    // Frame 3, pixel (y 2, x 5), channel 1, as a value in [0, 1].
    assertEquals(pattern(3, 2, 5, 1) / 255f, batch[f.frameBytes() + (2 * 6 + 5) * 3 + 1]);
    assertEquals(0f, batch[0]);
    assertThatThrownBy(() -> data.read(3)).hasMessage("episode index must be in [0, 3), got 3");
  }

  @Test
  void frameEpisodesRefuseFilesWithoutFramesOrOfAnotherSize() throws IOException {
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), pixelEpisode(2, 4, 4));
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(1)), pixelEpisode(2, 5, 4));
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(2)), TestEpisodes.traced(0, 3));
    FrameEpisodes data = FrameEpisodes.open(dir);
    assertThatThrownBy(() -> data.read(1))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining("episode_000001.npz: key 'frames': frames of 5 x 4; expected 4 x 4");
    assertThatThrownBy(() -> data.read(2))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining("episode_000002.npz: key 'frames': missing; expected uint8");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> FrameEpisodes.open(empty)).hasMessageContaining("no .npz files");
  }

  @Test
  void framesOfTheWrongDtypeOrShapeAreRefusedNamingTheKey() throws IOException {
    Episode e = pixelEpisode(2, 2, 2);
    Path file = dir.resolve("f.npz");
    Npz.write(
        file,
        Map.of(
            "frames",
            NpyArray.ofFloats(new float[3 * 2 * 2 * 3], 3, 2, 2, 3),
            "action",
            NpyArray.ofRows(e.action(), 2)));
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .hasMessage(file + ": key 'frames': dtype float32; expected uint8");
    Npz.write(
        file,
        Map.of(
            "frames",
            new NpyArray(DType.UINT8, new int[] {3, 2, 2, 4}, new byte[48]),
            "action",
            NpyArray.ofRows(e.action(), 2)));
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .hasMessage(
            file + ": key 'frames': shape [3, 2, 2, 4]; expected [T+1, H, W, 3] (RGB, T+1 >= 1)");
    Npz.write(
        file,
        Map.of(
            "frames",
            new NpyArray(DType.UINT8, new int[] {4, 2, 2, 3}, new byte[48]),
            "action",
            NpyArray.ofRows(e.action(), 2)));
    assertThatThrownBy(() -> EpisodeStore.read(file))
        .hasMessage(file + ": key 'frames': has 4 rows but 'action' has 2; expected T+1 = 3");
  }

  @Test
  void framesConvertToUnitValuesAndCheckTheirShape() {
    assertEquals(0f, Frames.unit((byte) 0));
    assertEquals(1f, Frames.unit((byte) 255));
    assertEquals(128 / 255f, Frames.unit((byte) 128));
    assertThatThrownBy(() -> new Frames(new byte[10], 1, 2, 2))
        .hasMessage("key 'frames': 10 bytes for shape [1, 2, 2, 3], which needs 12");
    Frames f = new Frames(new byte[24], 2, 2, 2);
    assertThatThrownBy(() -> f.copyUnit(0, new float[20], 10))
        .hasMessage("frame of 12 values does not fit at 10 in 20");
    assertThatThrownBy(() -> f.frame(2)).hasMessage("frame index must be in [0, 2), got 2");
    assertThatThrownBy(
            () ->
                new Episode(
                    null,
                    new float[][] {{1}},
                    new float[1],
                    new boolean[1],
                    new boolean[1],
                    null,
                    null))
        .hasMessage("key 'z': missing (null)");
  }
}
