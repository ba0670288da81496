package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

class TrainCommandsTest {
  @TempDir Path tmp;

  private Path episodes(String name, int n, int length, long seed) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    List<Episode> eps = SyntheticEpisodes.generate(n, length, seed);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }
    return dir;
  }

  private static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      out.add(p.toString());
    }
    return out.toArray(String[]::new);
  }

  @Test
  void trainThenEvalAgreeAndEvalIsBitwiseStableInAFreshJvm() throws Exception {
    Path data = episodes("data", 30, 12, 1);
    Path model = tmp.resolve("model");
    CliRun train =
        CliRun.of(
            args(
                "train",
                "--data",
                data,
                "--out",
                model,
                "--hidden",
                8,
                "--mixtures",
                2,
                "--seq-len",
                6,
                "--batch",
                8,
                "--steps",
                20,
                "--checkpoint-every",
                10,
                "--quiet"));
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode t = Json.parseTree(train.out());
    assertThat(t.get("steps").asInt()).isEqualTo(20);
    assertThat(t.get("train_nll_per_dim").isNumber()).isTrue();
    assertThat(Files.exists(model.resolve("metrics.csv"))).isTrue();
    assertThat(Files.exists(model.resolve("loss.png"))).isTrue();
    assertThat(Files.readAllLines(model.resolve("metrics.csv"))).hasSize(21);

    CliRun eval = CliRun.of(args("eval", "--model", model, "--data", data));
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode e = Json.parseTree(eval.out());
    assertThat(e.get("transitions").asInt()).isEqualTo(30 * 12);

    // The same command in a fresh JVM prints the same line, to the last bit.
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.worldmodels.cli.Main",
            "eval",
            "--model",
            model.toString(),
            "--data",
            data.toString());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(eval.out().strip());
  }

  @Test
  void configFileSetsValuesAndFlagsOverrideIt() throws Exception {
    Path data = episodes("data", 10, 8, 2);
    Path cfg = tmp.resolve("c.json");
    Files.writeString(
        cfg, "{\"hidden\": 6, \"mixtures\": 2, \"seq_len\": 4, \"batch\": 4, \"steps\": 7}");
    Path model = tmp.resolve("m");
    CliRun r =
        CliRun.of(
            args(
                "train", "--data", data, "--out", model, "--config", cfg, "--steps", 3, "--quiet"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Json.parseTree(r.out()).get("steps").asInt()).isEqualTo(3);
    JsonNode meta =
        Json.readTree(org.worldmodels.rnn.Checkpoints.latestDir(model).resolve("metadata.json"));
    assertThat(meta.get("model").get("hidden").asInt()).isEqualTo(6);
    assertThat(meta.get("train").get("seqLen").asInt()).isEqualTo(4);
  }

  @Test
  void resumeWithDifferentSettingsIsRefused() throws Exception {
    Path data = episodes("data", 10, 8, 2);
    Path model = tmp.resolve("m");
    assertThat(
            CliRun.of(
                    args(
                        "train",
                        "--data",
                        data,
                        "--out",
                        model,
                        "--hidden",
                        4,
                        "--seq-len",
                        4,
                        "--batch",
                        4,
                        "--steps",
                        2,
                        "--quiet"))
                .exitCode())
        .isZero();
    CliRun r =
        CliRun.of(
            args(
                "train",
                "--data",
                data,
                "--out",
                model,
                "--hidden",
                4,
                "--seq-len",
                4,
                "--batch",
                4,
                "--steps",
                4,
                "--lr",
                0.01,
                "--resume",
                "--quiet"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0])
        .startsWith("error: --resume")
        .contains("lr is 0.001 in the checkpoint, 0.01 now")
        .contains("only --steps and --checkpoint-every may change");
  }

  /** Bug: the key the recipes use was refused as unknown (exit 2) by train --config. */
  @Test
  void configFileTakesLrDecayAsANewUserWouldWriteIt() throws Exception {
    Path data = episodes("data", 10, 8, 2);
    Path cfg = tmp.resolve("decay.json");
    Files.writeString(
        cfg, "{\"lr_decay\": 0.5, \"hidden\": 4, \"seq_len\": 4, \"batch\": 4, \"steps\": 2}");
    Path model = tmp.resolve("m");
    CliRun r = CliRun.of(args("train", "--data", data, "--out", model, "--config", cfg, "--quiet"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode meta =
        Json.readTree(org.worldmodels.rnn.Checkpoints.latestDir(model).resolve("metadata.json"));
    assertThat(meta.get("train").get("lrDecay").asDouble()).isEqualTo(0.5);

    Files.writeString(cfg, "{\"lr_decay\": 2}");
    CliRun bad =
        CliRun.of(
            args("train", "--data", data, "--out", tmp.resolve("m2"), "--config", cfg, "--quiet"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errLines()).hasSize(1);
    assertThat(bad.errLines()[0]).startsWith("error: " + cfg + ": key 'lr_decay' must be in");

    Files.writeString(cfg, "{\"hiden\": 4}");
    CliRun unknown =
        CliRun.of(
            args("train", "--data", data, "--out", tmp.resolve("m3"), "--config", cfg, "--quiet"));
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.errLines())
        .containsExactly(
            "error: "
                + cfg
                + ": unknown key 'hiden'; accepted keys: [batch, burn_in, checkpoint_every, clip,"
                + " clip_threshold, done_head, done_positive_weight, family, hidden, lr, lr_decay,"
                + " mixtures, reward_head, seed, seq_len, sigma, steps, validation_fraction]");
  }

  @Test
  void burnInComesFromTheConfigOrTheFlagAndBindsAResume() throws Exception {
    Path data = episodes("data", 10, 8, 2);
    Path cfg = tmp.resolve("burn.json");
    Files.writeString(
        cfg, "{\"burn_in\": 3, \"hidden\": 4, \"seq_len\": 4, \"batch\": 4, \"steps\": 2}");
    Path model = tmp.resolve("m");
    CliRun r = CliRun.of(args("train", "--data", data, "--out", model, "--config", cfg, "--quiet"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode meta =
        Json.readTree(org.worldmodels.rnn.Checkpoints.latestDir(model).resolve("metadata.json"));
    assertThat(meta.get("train").get("burnIn").asInt()).isEqualTo(3);
    CliRun eval = CliRun.of(args("eval", "--model", model, "--data", data));
    assertThat(eval.exitCode()).as(eval.err()).isZero();

    CliRun resumed =
        CliRun.of(
            args(
                "train",
                "--data",
                data,
                "--out",
                model,
                "--config",
                cfg,
                "--burn-in",
                2,
                "--steps",
                4,
                "--resume",
                "--quiet"));
    assertThat(resumed.exitCode()).isEqualTo(2);
    assertThat(resumed.errLines()[0]).contains("burn_in is 3 in the checkpoint, 2 now");

    CliRun bad =
        CliRun.of(
            args(
                "train",
                "--data",
                data,
                "--out",
                tmp.resolve("m2"),
                "--config",
                cfg,
                "--burn-in",
                -1,
                "--quiet"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errLines()).hasSize(1);
    assertThat(bad.errLines()[0]).startsWith("error: --burn-in must be in [0, 10000], got -1");
  }

  @Test
  void resumeUnderAnotherThreadCountIsRefusedNamingBothCounts() throws Exception {
    Object[] resume = trainForResume(4);
    // The checkpoint says it was written with one thread more than this JVM runs.
    int now = org.worldmodels.tf.TfRuntime.threads();
    latestMetadata().put("threads", now + 1).write();
    CliRun r = CliRun.of(args(resume));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0])
        .startsWith("error: --resume")
        .contains("WORLDMODELS_THREADS=" + (now + 1) + ", now " + now);
  }

  @Test
  void resumeUnderAnotherThreadPoolSettingIsRefusedAndOldCheckpointsResume() throws Exception {
    Object[] resume = trainForResume(4);
    boolean now = org.worldmodels.tf.TfRuntime.sessionsOwnThreads();
    EditedMetadata meta = latestMetadata();
    assertThat(meta.json().get("sessionsOwnThreads").asBoolean()).isEqualTo(now);
    meta.put("sessionsOwnThreads", !now).write();
    CliRun r = CliRun.of(args(resume));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0])
        .startsWith("error: --resume")
        .contains("TF_OVERRIDE_GLOBAL_THREADPOOL=" + (now ? 0 : 1) + ", now " + (now ? 1 : 0));
    // Written before the setting was recorded: resumed as before.
    meta.remove("sessionsOwnThreads").write();
    CliRun old = CliRun.of(args(resume));
    assertThat(old.exitCode()).as(old.err()).isZero();
    assertThat(org.worldmodels.rnn.Checkpoints.metadata(tmp.resolve("m")).step()).isEqualTo(8);
  }

  /**
   * Trains a tiny model into {@code tmp/m} for {@code steps} steps; returns the arguments that
   * resume it to twice as many.
   */
  private Object[] trainForResume(int steps) throws IOException {
    Path data = episodes("data", 10, 8, 2);
    Path model = tmp.resolve("m");
    Object[] settings = {"--hidden", 4, "--seq-len", 4, "--batch", 4, "--quiet"};
    Object[] train = {"train", "--data", data, "--out", model};
    CliRun first =
        CliRun.of(args(concat(train, concat(new Object[] {"--steps", steps}, settings))));
    assertThat(first.exitCode()).as(first.err()).isZero();
    return concat(train, concat(new Object[] {"--resume", "--steps", 2 * steps}, settings));
  }

  /** The latest checkpoint's {@code metadata.json} of the model in {@code tmp/m}, to change. */
  private EditedMetadata latestMetadata() throws IOException {
    Path file =
        org.worldmodels.rnn.Checkpoints.latestDir(tmp.resolve("m")).resolve("metadata.json");
    return new EditedMetadata(
        file, (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(file));
  }

  private record EditedMetadata(Path file, com.fasterxml.jackson.databind.node.ObjectNode json) {
    EditedMetadata put(String key, int value) {
      json.put(key, value);
      return this;
    }

    EditedMetadata put(String key, boolean value) {
      json.put(key, value);
      return this;
    }

    EditedMetadata remove(String key) {
      json.remove(key);
      return this;
    }

    void write() throws IOException {
      Files.writeString(file, Json.pretty(json));
    }
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes one bad episode file beside good ones; returns the data directory. */
  private Path withBadFile(String name, Map<String, NpyArray> arrays) throws IOException {
    Path dir = episodes(name, 3, 5, 3);
    Npz.write(dir.resolve("zz_bad.npz"), arrays);
    return dir;
  }

  static float[] floats(int n, float v) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, v);
    return f;
  }

  @Test
  void badDataExitsTwoWithOneLineAndLeavesNoOutput() throws Exception {
    Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "length mismatch",
        new Object[] {
          Map.of(
              "z",
              NpyArray.ofFloats(floats(12, 0), 6, 2),
              "action",
              NpyArray.ofFloats(floats(4, 0), 4, 1)),
          "'z'"
        });
    cases.put(
        "nan",
        new Object[] {
          Map.of(
              "z",
              NpyArray.ofFloats(floats(10, Float.NaN), 5, 2),
              "action",
              NpyArray.ofFloats(floats(4, 0), 4, 1)),
          "NaN"
        });
    cases.put(
        "z size",
        new Object[] {
          Map.of(
              "z",
              NpyArray.ofFloats(floats(15, 0), 5, 3),
              "action",
              NpyArray.ofFloats(floats(4, 0), 4, 1)),
          "zz_bad.npz"
        });
    cases.put(
        "empty",
        new Object[] {
          Map.of(
              "z",
              NpyArray.ofFloats(floats(2, 0), 1, 2),
              "action",
              NpyArray.ofFloats(new float[0], 0, 1)),
          "empty"
        });
    for (var c : cases.entrySet()) {
      @SuppressWarnings("unchecked")
      Path data =
          withBadFile(c.getKey().replace(' ', '_'), (Map<String, NpyArray>) c.getValue()[0]);
      Path out = tmp.resolve("out-" + c.getKey().replace(' ', '_'));
      CliRun r = CliRun.of(args("train", "--data", data, "--out", out, "--steps", 2, "--quiet"));
      assertThat(r.exitCode()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(c.getKey()).hasSize(1);
      assertThat(r.errLines()[0])
          .as(c.getKey())
          .startsWith("error: ")
          .contains((String) c.getValue()[1]);
      assertThat(Files.exists(out)).as(c.getKey()).isFalse();
    }
  }

  @Test
  void badFlagsAndPathsExitTwo() throws Exception {
    Path data = episodes("data", 3, 5, 3);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path cfg = tmp.resolve("bad.json");
    Files.writeString(cfg, "{\"hiden\": 4}");
    Path malformed = tmp.resolve("malformed.json");
    Files.writeString(malformed, "{\"hidden\": ");
    String[][] cases = {
      args("train", "--data", tmp.resolve("missing"), "--out", tmp.resolve("o1")),
      args("train", "--data", empty, "--out", tmp.resolve("o2")),
      args("train", "--data", data, "--out", tmp.resolve("o3"), "--hidden", -1),
      args("train", "--data", data, "--out", tmp.resolve("o4"), "--seq-len", 0),
      args("train", "--data", data, "--out", tmp.resolve("o5"), "--config", cfg),
      args("train", "--data", data, "--out", tmp.resolve("o6"), "--config", malformed),
      args("train", "--data", data, "--out", tmp.resolve("o7"), "--clip", "sometimes"),
      args("train", "--data", data, "--out", tmp.resolve("o8"), "--frobnicate"),
      args("eval", "--model", tmp.resolve("nomodel"), "--data", data),
    };
    for (String[] a : cases) {
      CliRun r = CliRun.of(a);
      String what = String.join(" ", a);
      assertThat(r.exitCode()).as(what + "\n" + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(what).hasSize(1);
      assertThat(r.errLines()[0]).as(what).startsWith("error: ");
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("o"))).isEmpty();
    }
  }
}
