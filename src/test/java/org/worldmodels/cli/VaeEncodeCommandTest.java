package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.io.Float16;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Json;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.TestVaes;
import org.worldmodels.vision.Vae;

/** {@code vae encode} on a few 16 x 16 pixel episodes with an untrained tiny VAE. */
class VaeEncodeCommandTest {
  static Path collect(Path tmp, String env, int episodes, int frameSize) {
    Path out = tmp.resolve(env + "-" + frameSize);
    CliRun c =
        CliRun.of(
            "collect",
            "--env",
            env,
            "--episodes",
            String.valueOf(episodes),
            "--frame-size",
            String.valueOf(frameSize),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(c.exitCode()).as(c.err()).isZero();
    return out;
  }

  static CliRun encode(Path vae, Path data, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "vae",
                "encode",
                "--vae",
                vae.toString(),
                "--data",
                data.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void encodedEpisodesHoldTheEncodersMeanAndTheSeriesFileReadsBackTheSameTransitions(
      @TempDir Path tmp) throws Exception {
    Path data = collect(tmp, "pendulum-pixels", 2, 16);
    Path vae = tmp.resolve("vae");
    String sha = TestVaes.write(vae, TestVaes.tiny(), 5);
    Path out = tmp.resolve("encoded");
    Path seriesFile = tmp.resolve("series").resolve("series.npz");
    CliRun r = encode(vae, data, out, "--series", seriesFile.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = Json.parseTree(r.out());
    assertThat(j.get("episodes").asInt()).isEqualTo(2);
    assertThat(j.get("frames").asInt()).isEqualTo(2 * 201);

    DataSpec spec = DataSpec.read(out.resolve("spec.json"));
    assertThat(spec.zSize()).isEqualTo(3);
    assertThat(spec.encoder()).isEqualTo(EncoderSpec.vae(sha));
    assertThat(spec.observation()).isNull();
    assertThat(spec.action()).isEqualTo(DataSpec.read(data.resolve("spec.json")).action());
    assertThat(ModelVae.sha256(ModelVae.path(out))).isEqualTo(sha);

    List<Path> files = EpisodeStore.list(data);
    try (Vae v = Vae.load(vae)) {
      for (int i = 0; i < files.size(); i++) {
        Episode raw = EpisodeStore.read(files.get(i));
        Path encodedFile = out.resolve(files.get(i).getFileName());
        assertThat(Npz.keys(encodedFile))
            .containsExactly("z", "logvar", "action", "reward", "terminated", "truncated", "state");
        Episode enc = EpisodeStore.read(encodedFile);
        byte[][] frames = new byte[raw.frames().count()][];
        for (int t = 0; t < frames.length; t++) {
          frames[t] = raw.frames().frame(t);
        }
        Vae.Encoded expected = v.encode(frames);
        assertThat(enc.z()).isDeepEqualTo(expected.mu());
        assertThat(Npz.read(encodedFile).get("logvar").asFloats())
            .containsExactly(flat(expected.logvar()));
        assertThat(enc.action()).isDeepEqualTo(raw.action());
        assertThat(enc.reward()).containsExactly(raw.reward());
        assertThat(enc.truncated()).containsExactly(raw.truncated());
        assertThat(enc.state()).isDeepEqualTo(raw.state());
        assertThat(enc.hasFrames()).isFalse();
      }
      // The series file, read back as a data directory, gives the same transitions.
      Dataset s = EpisodeStore.load(seriesFile.getParent());
      Dataset e = EpisodeStore.load(out);
      assertThat(s.size()).isEqualTo(2);
      for (int i = 0; i < 2; i++) {
        assertThat(s.isSeries(i)).isTrue();
        Episode a = s.episode(i);
        Episode b = e.episode(i);
        assertThat(a.length()).isEqualTo(b.length());
        assertThat(a.action()).isDeepEqualTo(b.action());
        assertThat(a.reward()).containsExactly(b.reward());
        assertThat(a.terminated()).containsExactly(b.terminated());
        for (int t = 0; t <= a.length(); t++) {
          for (int k = 0; k < 3; k++) {
            assertThat(a.z()[t][k]).isEqualTo(Float16.toFloat(Float16.fromFloat(b.z()[t][k])));
          }
        }
      }
    }
  }

  private static float[] flat(float[][] rows) {
    float[] f = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, f, i * rows[0].length, rows[0].length);
    }
    return f;
  }

  @Test
  void badInputExitsTwoAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path vae = tmp.resolve("vae");
    TestVaes.write(vae, TestVaes.tiny(), 5);
    Path out = tmp.resolve("encoded");
    Path series = tmp.resolve("s.npz");

    // Episodes of another frame size than the VAE's.
    Path big = collect(tmp, "cartpole-pixels", 1, 24);
    CliRun size = encode(vae, big, out);
    assertThat(size.exitCode()).isEqualTo(2);
    assertThat(size.errLines()).hasSize(1);
    assertThat(size.err()).contains("frames of 24 x 24").contains("reads 16 x 16");

    // Episodes of different lengths with --series.
    Path cart = collect(tmp, "cartpole-pixels", 3, 16);
    CliRun lengths = encode(vae, cart, out, "--series", series.toString());
    assertThat(lengths.exitCode()).isEqualTo(2);
    assertThat(lengths.errLines()).hasSize(1);
    assertThat(lengths.err()).contains("transitions but").contains("episode_00000");

    // Episodes without frames.
    Path states = tmp.resolve("states");
    CliRun c =
        CliRun.of(
            "collect",
            "--env",
            "cartpole",
            "--episodes",
            "1",
            "--out",
            states.toString(),
            "--quiet");
    assertThat(c.exitCode()).isZero();
    CliRun none = encode(vae, states, out);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.errLines()).hasSize(1);
    assertThat(none.err()).contains("episode_000000.npz").contains("frames");

    // One episode of the directory without frames, found after others were encoded.
    Path mixed = collect(tmp, "pendulum-pixels", 2, 16);
    Files.copy(states.resolve("episode_000000.npz"), mixed.resolve("episode_000009.npz"));
    CliRun late = encode(vae, mixed, out);
    assertThat(late.exitCode()).isEqualTo(2);
    assertThat(late.err()).contains("episode_000009.npz").contains("no key 'frames'");

    assertThat(out).doesNotExist();
    assertThat(series).doesNotExist();
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
  }
}
