package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.TinyModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.io.Npy;
import org.worldmodels.io.NpyArray;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.train.SyntheticEpisodes;
import org.worldmodels.util.Json;

/**
 * Bad input, everywhere: every case is a file or flag a user could hand over, run through the
 * command line in-process. Each must exit 2 with exactly one {@code error: } line naming the file
 * (or flag) and the key, print nothing on standard output, show no stack trace, and leave nothing
 * at (or beside) the output path. One subclass per command lists its cases; this class holds the
 * fixtures, the command builders and the check.
 */
abstract class BadInputCases {
  /** The name of the bad episode file added to otherwise good data. */
  static final String BAD = "episode_000099.npz";

  @TempDir Path tmp;

  Path good;
  Path model;
  Path cartpoleModel;
  int serial;

  /** One command line that must be refused. */
  record Case(String name, String[] args, Path out, List<String> mustName) {}

  // ---------------------------------------------------------------------------------------------
  // Fixtures

  static final DataSpec SPEC =
      new DataSpec(
          2, new ActionSpec.Box(new double[] {-1}, new double[] {1}), 12, "synthetic test data");

  void fixtures() throws IOException {
    good = Files.createDirectories(tmp.resolve("good"));
    writeEpisodes(good, 4, 12, 1);
    model = TinyModel.write(tmp.resolve("model"), SPEC, 4, 1);
    DataSpec cartpole = new DataSpec(4, new ActionSpec.Discrete(2), 500, "CartPole-v1");
    cartpoleModel = TinyModel.write(tmp.resolve("cartpole-model"), cartpole, 4, 2);
  }

  static void writeEpisodes(Path dir, int n, int length, long seed) throws IOException {
    List<Episode> eps = SyntheticEpisodes.generate(n, length, seed);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }
  }

  /** Good episodes plus {@link #BAD} holding these bytes. */
  Path dataWith(String name, byte[] badFile) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("data-" + name));
    writeEpisodes(dir, 3, 10, 2);
    Files.write(dir.resolve(BAD), badFile);
    return dir;
  }

  /** Good episodes plus {@link #BAD} holding these entries (name without .npy -> npy bytes). */
  Path dataWith(String name, Map<String, byte[]> entries) throws IOException {
    return dataWith(name, zip(entries));
  }

  /** A fresh, empty parent directory for a case's output; the output itself is not created. */
  Path out(String name) throws IOException {
    return Files.createDirectories(tmp.resolve("out").resolve(name + "-" + serial++))
        .resolve("result");
  }

  /** A copy of the tiny model directory, for corrupting. */
  Path modelCopy(String name) throws IOException {
    Path dir = tmp.resolve("model-" + name);
    copyTree(model, dir);
    return dir;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  static byte[] floats(int rows, int cols, float v) {
    float[] f = new float[rows * cols];
    Arrays.fill(f, v);
    return Npy.toBytes(NpyArray.ofFloats(f, rows, cols));
  }

  static byte[] floats1(int n, float v) {
    float[] f = new float[n];
    Arrays.fill(f, v);
    return Npy.toBytes(NpyArray.ofFloats(f, n));
  }

  /** An npy array with a hand-written header (descr and shape as numpy writes them). */
  static byte[] rawNpy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 6 + 2 + 2 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    b.put(data);
    return b.array();
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** z [T+1, 2] and action [T, 1] of zeros, plus extra or replaced entries. */
  static Map<String, byte[]> episode(int t, Object... replace) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("z", floats(t + 1, 2, 0f));
    m.put("action", floats(t, 1, 0f));
    for (int i = 0; i < replace.length; i += 2) {
      m.put((String) replace[i], (byte[]) replace[i + 1]);
    }
    return m;
  }

  static String[] args(Object... parts) {
    return Arrays.stream(parts).map(Object::toString).toArray(String[]::new);
  }

  // ---------------------------------------------------------------------------------------------
  // Command lines

  /**
   * {@code words}, then the flags of {@code base} with {@code extra} (flag, value pairs) replacing
   * or adding to them; a null value adds the flag alone.
   */
  static String[] command(List<String> words, Map<String, Object> base, Object... extra) {
    Map<String, Object> o = new LinkedHashMap<>(base);
    for (int i = 0; i < extra.length; i += 2) {
      o.put((String) extra[i], extra[i + 1]);
    }
    List<Object> a = new ArrayList<>(words);
    o.forEach(
        (k, v) -> {
          a.add(k);
          if (v != null) {
            a.add(v);
          }
        });
    return args(a.toArray());
  }

  static Map<String, Object> flags(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A small train run (it never gets far). */
  String[] train(Path data, Path out, Object... extra) {
    return command(
        List.of("train", "--quiet"),
        flags(
            "--data",
            data,
            "--out",
            out,
            "--hidden",
            4,
            "--seq-len",
            4,
            "--batch",
            2,
            "--steps",
            2),
        extra);
  }

  String[] dream(Path modelDir, Path initial, Path out, Object... extra) {
    return command(
        List.of("dream", "--quiet"),
        flags(
            "--model",
            modelDir,
            "--initial",
            initial,
            "--episodes",
            2,
            "--max-steps",
            3,
            "--policy",
            "random",
            "--temperature",
            1.0,
            "--batch",
            2,
            "--seed",
            1,
            "--out",
            out),
        extra);
  }

  String[] control(Path modelDir, Path out, Object... extra) {
    return command(
        List.of("control", "--quiet"),
        flags(
            "--model",
            modelDir,
            "--initial",
            good,
            "--out",
            out,
            "--population",
            4,
            "--generations",
            1,
            "--rollouts",
            1,
            "--max-steps",
            3,
            "--controller",
            "mlp"),
        extra);
  }

  String[] predict(Path modelDir, Path data, Path out, Object... extra) {
    return command(
        List.of("mdn", "predict"), flags("--model", modelDir, "--data", data, "--out", out), extra);
  }

  /** A file {@code name} in the temporary directory holding {@code text}. */
  Path file(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** A plain file, for flags that need a directory (and as a bad --out parent). */
  Path plainFile() throws IOException {
    Path aFile = tmp.resolve("plain-file.txt");
    if (!Files.exists(aFile)) {
      Files.writeString(aFile, "x");
    }
    return aFile;
  }

  /** A controller file that is not JSON. */
  Path malformedController() throws IOException {
    Path ctlMalformed = tmp.resolve("ctl-malformed.json");
    if (!Files.exists(ctlMalformed)) {
      Files.writeString(ctlMalformed, "{\"format\": \"worldmodels-controller\", ");
    }
    return ctlMalformed;
  }

  /** Good episodes and one cut in half ({@code data-trunc}). */
  Path truncatedData() throws IOException {
    byte[] goodFile = Files.readAllBytes(good.resolve(EpisodeStore.fileName(0)));
    return dataWith("trunc", Arrays.copyOf(goodFile, goodFile.length / 2));
  }

  /** Good episodes and one whose z holds NaN ({@code data-nan}). */
  Path nanData() throws IOException {
    return dataWith("nan", episode(5, "z", floats(6, 2, Float.NaN)));
  }

  /** Episodes of z size 3, where the models expect 2 ({@code data-wide}). */
  Path wideData() throws IOException {
    Path wide = Files.createDirectories(tmp.resolve("data-wide"));
    EpisodeStore.write(
        wide.resolve(EpisodeStore.fileName(0)),
        Episode.ofTransitions(new float[3][3], new float[2][1]));
    return wide;
  }

  /** A copy of the tiny model with its weights.npz cut in half. */
  Path truncatedWeights() throws IOException {
    Path truncWeights = modelCopy("trunc-weights");
    Path w = Checkpoints.latestDir(truncWeights).resolve(Checkpoints.WEIGHTS);
    byte[] wb = Files.readAllBytes(w);
    Files.write(w, Arrays.copyOf(wb, wb.length / 2));
    return truncWeights;
  }

  /** Broken copies of the tiny model: {name, directory, what the error must name}. */
  Object[][] brokenModels() throws IOException {
    Path noLatest = modelCopy("no-latest");
    Files.delete(noLatest.resolve(Checkpoints.LATEST));
    Path dangling = modelCopy("dangling");
    Files.writeString(
        dangling.resolve(Checkpoints.LATEST),
        "{\"checkpoint\": \"ckpt-000000999\", \"step\": 999}");
    Path badLatest = modelCopy("bad-latest");
    Files.writeString(badLatest.resolve(Checkpoints.LATEST), "{\"checkpoint\": ");
    Path truncWeights = truncatedWeights();
    Path noWeights = modelCopy("no-weights");
    Files.delete(Checkpoints.latestDir(noWeights).resolve(Checkpoints.WEIGHTS));
    Path badMeta = modelCopy("bad-meta");
    Files.writeString(Checkpoints.latestDir(badMeta).resolve(Checkpoints.METADATA), "{\"format\":");
    Path version = modelCopy("version");
    Path metaFile = Checkpoints.latestDir(version).resolve(Checkpoints.METADATA);
    ObjectNode meta = (ObjectNode) Json.readTree(metaFile);
    meta.put("formatVersion", 99);
    Files.writeString(metaFile, Json.pretty(meta));
    Path nanWeights = modelCopy("nan-weights");
    Path nw = Checkpoints.latestDir(nanWeights).resolve(Checkpoints.WEIGHTS);
    Map<String, NpyArray> arrays = org.worldmodels.io.Npz.read(nw);
    float[] hb = arrays.get("head/bias").asFloats();
    hb[1] = Float.NaN;
    arrays.put("head/bias", NpyArray.ofFloats(hb, hb.length));
    org.worldmodels.io.Npz.write(nw, arrays);

    return new Object[][] {
      {"missing model directory", tmp.resolve("no-model"), List.of("no-model")},
      {"model without latest.json", noLatest, List.of("model-no-latest", "latest.json")},
      {
        "latest.json naming a missing checkpoint",
        dangling,
        List.of("latest.json", "'checkpoint'", "ckpt-000000999")
      },
      {"malformed latest.json", badLatest, List.of("latest.json", "malformed JSON")},
      {"truncated weights.npz", truncWeights, List.of("weights.npz")},
      {"missing weights.npz", noWeights, List.of("weights.npz")},
      {"malformed metadata.json", badMeta, List.of("metadata.json", "malformed JSON")},
      {
        "metadata of another format version",
        version,
        List.of("metadata.json", "'formatVersion' is 99", "reads format version 1")
      },
      {"NaN in weights.npz", nanWeights, List.of("weights.npz", "'head/bias'")},
    };
  }

  /** The cases of one command. */
  abstract List<Case> cases() throws IOException;

  // ---------------------------------------------------------------------------------------------
  // Running

  @TestFactory
  Stream<DynamicTest> everyBadInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
    fixtures();
    List<Case> cases = cases();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  void check(Case c) throws IOException {
    String what = c.name() + "\n  " + String.join(" ", c.args());
    List<String> goodBefore = listing(good);
    List<String> modelBefore = listing(model);
    CliRun r = CliRun.of(c.args());
    assertThat(r.exitCode()).as(what + "\n" + r.err()).isEqualTo(2);
    assertThat(r.out()).as(what + ": standard output").isEmpty();
    assertThat(r.errLines()).as(what + ": " + r.err()).hasSize(1);
    String line = r.errLines()[0];
    assertThat(line).as(what).startsWith("error: ");
    assertThat(line).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    for (String n : c.mustName()) {
      assertThat(line).as(what + ": names " + n).contains(n);
    }
    if (c.out() != null) {
      Path parent = c.out().getParent();
      try (Stream<Path> s = Files.list(parent)) {
        assertThat(s.map(p -> p.getFileName().toString()).toList())
            .as(what + ": nothing at or beside --out " + c.out())
            .isEmpty();
      }
    }
    // Inputs are never touched.
    assertThat(listing(good)).as(what).isEqualTo(goodBefore);
    assertThat(listing(model)).as(what).isEqualTo(modelBefore);
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
