package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyFixtures;
import org.worldmodels.io.Npz;
import org.worldmodels.report.FrameSheet;
import org.worldmodels.util.Json;
import org.worldmodels.vision.TinyVaes;
import org.worldmodels.vision.Vae;

/** {@code vae decode}: filmstrips whose pixels are the VAE's decoded frames, GIFs, bad input. */
class VaeDecodeCommandTest {
  static final int Z = 3;

  @TempDir Path tmp;

  /** An encoded-looking episode: z ~ N(0, 1) of {@code steps + 1} rows. */
  static Episode episode(int steps, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] z = new float[steps + 1][Z];
    for (float[] row : z) {
      for (int j = 0; j < Z; j++) {
        row[j] = (float) rng.nextGaussian();
      }
    }
    return Episode.ofTransitions(z, new float[steps][1]);
  }

  private Path data(String sha256, Episode... episodes) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    for (int i = 0; i < episodes.length; i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), episodes[i]);
    }
    EpisodeStore.writeSpec(
        dir,
        new DataSpec(
            Z,
            new ActionSpec.Box(new double[] {-1}, new double[] {1}),
            null,
            "t",
            EncoderSpec.vae(sha256)));
    return dir;
  }

  private static CliRun decode(Path vae, Path data, Path out) {
    return CliRun.of(
        "vae",
        "decode",
        "--vae",
        vae.toString(),
        "--data",
        data.toString(),
        "--out",
        out.toString(),
        "--quiet");
  }

  @Test
  void filmstripPixelsAreTheDecodedFramesAndTheGifHasEveryFrame() throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), Z, 5);
    Episode shortOne = episode(4, 1);
    Episode longOne = episode(299, 2); // 300 frames: wraps into lines, every 2nd frame shown
    Path data;
    try (Vae v = Vae.load(vae)) {
      data = data(v.sha256(), shortOne, longOne);
    }
    Path out = tmp.resolve("out");
    CliRun r = decode(vae, data, out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = Json.parseTree(r.out());
    assertThat(j.get("episodes").asInt()).isEqualTo(2);
    assertThat(j.get("images").asInt()).isEqualTo(2); // PNG filmstrips; the GIFs beside them

    assertThat(r.err()).doesNotContain("warning");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "episode_000000.gif",
              "episode_000000.png",
              "episode_000001.gif",
              "episode_000001.png");
    }
    try (Vae v = Vae.load(vae)) {
      byte[][] decoded = v.decode(shortOne.z());
      // Frames that differ with z, so equal pixels mean the right frame in the right cell.
      assertThat(decoded[0]).isNotEqualTo(decoded[1]);
      checkStrip(out.resolve("episode_000000.png"), v.decode(shortOne.z()), 1);
      checkStrip(out.resolve("episode_000001.png"), v.decode(longOne.z()), 2);
    }
    BufferedImage strip = ImageIO.read(out.resolve("episode_000001.png").toFile());
    // 150 shown frames, 16 a line: 10 lines of 16 cells of 16 + 2 pixels.
    assertThat(strip.getWidth()).isEqualTo(16 * 18);
    assertThat(strip.getHeight()).isEqualTo(10 * 18);
    assertThat(gifFrames(out.resolve("episode_000000.gif"))).isEqualTo(5);
    assertThat(gifFrames(out.resolve("episode_000001.gif"))).isEqualTo(300);
  }

  /** Every shown frame's pixels, read back from the PNG, equal the decoded frame's bytes. */
  static void checkStrip(Path png, byte[][] frames, int stride) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    FrameSheet sheet = FrameSheet.filmstrip(16, 16, Arrays.asList(frames));
    assertThat(FrameSheet.filmstripStride(frames.length)).isEqualTo(stride);
    for (int t = 0; t < frames.length; t += stride) {
      Point o = sheet.origin(0, t);
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          int p = (y * 16 + x) * 3;
          int expected =
              (frames[t][p] & 0xff) << 16
                  | (frames[t][p + 1] & 0xff) << 8
                  | frames[t][p + 2] & 0xff;
          assertThat(img.getRGB(o.x + x, o.y + y) & 0xffffff)
              .as("frame %d pixel (%d, %d)", t, x, y)
              .isEqualTo(expected);
        }
      }
    }
  }

  static int gifFrames(Path gif) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      try {
        reader.setInput(in);
        return reader.getNumImages(true);
      } finally {
        reader.dispose();
      }
    }
  }

  @Test
  void rowsOfASeriesFileAreDecodedUnderTheFilesName() throws Exception {
    // The float16 fixture: 3 rows of T = 5 (6 latents of Z = 4), decoded from z = mu.
    Path data = Files.createDirectories(tmp.resolve("series"));
    Files.copy(NpyFixtures.path("series_f16.npz"), data.resolve("wm.npz"));
    Path vae = TinyVaes.write(tmp.resolve("vae"), 4, 5);
    Path out = tmp.resolve("out");
    CliRun r = decode(vae, data, out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parseTree(r.out()).get("images").asInt()).isEqualTo(3);
    Dataset rows = EpisodeStore.load(data);
    try (Vae v = Vae.load(vae)) {
      for (int i = 0; i < 3; i++) {
        String name = "wm_00000" + i;
        checkStrip(out.resolve(name + ".png"), v.decode(rows.episode(i).z()), 1);
        assertThat(gifFrames(out.resolve(name + ".gif"))).isEqualTo(rows.length(i) + 1);
      }
    }
  }

  @Test
  void framesWithoutZAreRefusedNamingVaeEncode() throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), Z, 5);
    Path data = Files.createDirectories(tmp.resolve("pixels"));
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("action", NpyArray.ofFloats(new float[2], 2, 1));
    m.put(
        "frames", new NpyArray(NpyArray.DType.UINT8, new int[] {3, 16, 16, 3}, new byte[768 * 3]));
    Npz.write(data.resolve(EpisodeStore.fileName(0)), m);
    Path out = tmp.resolve("out");
    CliRun r = decode(vae, data, out);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("error: ").contains("vae encode");
    assertThat(out).doesNotExist();
  }

  @Test
  void aZSizeOtherThanTheVaesIsRefusedNamingBoth() throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), Z + 1, 5);
    Path data = data("0".repeat(64), episode(3, 1));
    Path out = tmp.resolve("out");
    CliRun r = decode(vae, data, out);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0])
        .startsWith("error: ")
        .contains("z of size " + Z)
        .contains("decodes z of size " + (Z + 1));
    assertThat(out).doesNotExist();
  }

  @Test
  void anotherEncoderIsDecodedWithAWarning() throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), Z, 5);
    Path data = data("0".repeat(64), episode(3, 1));
    CliRun r = decode(vae, data, tmp.resolve("out"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: --data").contains("0".repeat(64));
  }

  @Test
  void aMissingVaeOrAUsedOutputExitTwo() throws Exception {
    Path vae = TinyVaes.write(tmp.resolve("vae"), Z, 5);
    Path data = data("0".repeat(64), episode(3, 1));
    CliRun none = decode(tmp.resolve("nothing"), data, tmp.resolve("out"));
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("no such VAE directory");
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("keep.txt"), "x");
    CliRun r = decode(vae, data, used);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not empty");
    assertThat(List.of(used.toFile().list())).containsExactly("keep.txt");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
