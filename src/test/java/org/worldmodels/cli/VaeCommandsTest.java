package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.FrameEpisodes;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Json;
import org.worldmodels.vision.DiscFrames;
import org.worldmodels.vision.InMemoryFrames;

/** {@code vae train} and {@code vae eval} end to end on a few 64 x 64 disc frames. */
class VaeCommandsTest {
  static void writeFrames(Path dir, int episodes, int length) throws Exception {
    DiscFrames d = new DiscFrames(64, episodes, length, 3, 10, 9);
    Files.createDirectories(dir);
    for (int e = 0; e < episodes; e++) {
      byte[] all = new byte[length * 64 * 64 * 3];
      for (int t = 0; t < length; t++) {
        System.arraycopy(d.episode(e)[t], 0, all, t * 64 * 64 * 3, 64 * 64 * 3);
      }
      Map<String, NpyArray> m = new LinkedHashMap<>();
      m.put("frames", new NpyArray(NpyArray.DType.UINT8, new int[] {length, 64, 64, 3}, all));
      Npz.write(dir.resolve(String.format("episode_%06d.npz", e)), m);
    }
  }

  @Test
  void theDataPackagesFrameEpisodesGiveTheTrainerTheWrittenBytes(@TempDir Path tmp)
      throws Exception {
    Path data = tmp.resolve("frames");
    writeFrames(data, 3, 4);
    InMemoryFrames read = InMemoryFrames.read(FrameEpisodes.open(data));
    DiscFrames written = new DiscFrames(64, 3, 4, 3, 10, 9);
    assertThat(read.episodes()).isEqualTo(3);
    for (int e = 0; e < 3; e++) {
      assertThat(read.episode(e)).isDeepEqualTo(written.episode(e));
    }
    assertThat(read.fingerprint()).isEqualTo(written.fingerprint());
  }

  @Test
  void trainThenEval(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("frames");
    writeFrames(data, 2, 6);
    Path vae = tmp.resolve("vae");
    CliRun t =
        CliRun.of(
            "vae",
            "train",
            "--data",
            data.toString(),
            "--out",
            vae.toString(),
            "--z-size",
            "4",
            "--epochs",
            "1",
            "--batch",
            "6",
            "--quiet");
    assertThat(t.exitCode()).as(t.err()).isZero();
    JsonNode j = Json.parseTree(t.out());
    assertThat(j.get("epochs").asInt()).isEqualTo(1);
    assertThat(j.get("val_recon_mse").asDouble()).isBetween(0.0, 1.0);
    assertThat(vae.resolve("metrics.csv")).isRegularFile();
    CliRun e = CliRun.of("vae", "eval", "--vae", vae.toString(), "--data", data.toString());
    assertThat(e.exitCode()).as(e.err()).isZero();
    JsonNode ej = Json.parseTree(e.out());
    assertThat(ej.get("frames").asInt()).isEqualTo(12);
    assertThat(ej.get("recon_mse").asDouble()).isBetween(0.0, 1.0);
    assertThat(ej.get("kl").asDouble()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void episodesWithoutFramesAreRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("states");
    Files.createDirectories(data);
    Npz.write(
        data.resolve("episode_000000.npz"),
        Map.of("z", NpyArray.ofFloats(new float[] {1, 2}, 2, 1)));
    Path vae = tmp.resolve("vae");
    CliRun r = CliRun.of("vae", "train", "--data", data.toString(), "--out", vae.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()[r.errLines().length - 1])
        .startsWith("error: ")
        .contains("episode_000000.npz")
        .contains("key 'frames': missing");
    assertThat(vae).doesNotExist();
  }

  @Test
  void framesOfTheWrongDtypeOrFlagsOutOfRangeExitTwo(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("floats");
    Files.createDirectories(data);
    Npz.write(
        data.resolve("episode_000000.npz"),
        Map.of("frames", NpyArray.ofFloats(new float[2 * 8 * 8 * 3], 2, 8, 8, 3)));
    Path vae = tmp.resolve("vae");
    CliRun r = CliRun.of("vae", "train", "--data", data.toString(), "--out", vae.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("key 'frames': dtype float32; expected uint8");
    CliRun z =
        CliRun.of(
            "vae", "train", "--data", data.toString(), "--out", vae.toString(), "--z-size", "0");
    assertThat(z.exitCode()).isEqualTo(2);
    assertThat(z.err()).contains("--z-size must be in [1, 4096], got 0");
    CliRun rec =
        CliRun.of(
            "vae", "train", "--data", data.toString(), "--out", vae.toString(), "--recon", "l1");
    assertThat(rec.exitCode()).isEqualTo(2);
    assertThat(rec.err()).contains("recon must be mse or bernoulli, got 'l1'");
    assertThat(vae).doesNotExist();
  }
}
