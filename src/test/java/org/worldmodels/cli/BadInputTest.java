package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerFile;
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
 * at (or beside) the output path.
 */
class BadInputTest {
  /** The name of the bad episode file added to otherwise good data. */
  private static final String BAD = "episode_000099.npz";

  @TempDir Path tmp;

  private Path good;
  private Path model;
  private Path cartpoleModel;
  private int serial;

  /** One command line that must be refused. */
  private record Case(String name, String[] args, Path out, List<String> mustName) {}

  // ---------------------------------------------------------------------------------------------
  // Fixtures

  private static final DataSpec SPEC =
      new DataSpec(
          2, new ActionSpec.Box(new double[] {-1}, new double[] {1}), 12, "synthetic test data");

  private void fixtures() throws IOException {
    good = Files.createDirectories(tmp.resolve("good"));
    writeEpisodes(good, 4, 12, 1);
    model = TinyModel.write(tmp.resolve("model"), SPEC, 4, 1);
    DataSpec cartpole = new DataSpec(4, new ActionSpec.Discrete(2), 500, "CartPole-v1");
    cartpoleModel = TinyModel.write(tmp.resolve("cartpole-model"), cartpole, 4, 2);
  }

  private static void writeEpisodes(Path dir, int n, int length, long seed) throws IOException {
    List<Episode> eps = SyntheticEpisodes.generate(n, length, seed);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }
  }

  /** Good episodes plus {@link #BAD} holding these bytes. */
  private Path dataWith(String name, byte[] badFile) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("data-" + name));
    writeEpisodes(dir, 3, 10, 2);
    Files.write(dir.resolve(BAD), badFile);
    return dir;
  }

  /** Good episodes plus {@link #BAD} holding these entries (name without .npy -> npy bytes). */
  private Path dataWith(String name, Map<String, byte[]> entries) throws IOException {
    return dataWith(name, zip(entries));
  }

  /** A fresh, empty parent directory for a case's output; the output itself is not created. */
  private Path out(String name) throws IOException {
    return Files.createDirectories(tmp.resolve("out").resolve(name + "-" + serial++))
        .resolve("result");
  }

  /** A copy of the tiny model directory, for corrupting. */
  private Path modelCopy(String name) throws IOException {
    Path dir = tmp.resolve("model-" + name);
    copyTree(model, dir);
    return dir;
  }

  private static void copyTree(Path from, Path to) throws IOException {
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

  private static String[] args(Object... parts) {
    return Arrays.stream(parts).map(Object::toString).toArray(String[]::new);
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  /**
   * {@code words}, then the flags of {@code base} with {@code extra} (flag, value pairs) replacing
   * or adding to them; a null value adds the flag alone.
   */
  private static String[] command(List<String> words, Map<String, Object> base, Object... extra) {
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

  private static Map<String, Object> flags(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A small train run (it never gets far). */
  private String[] train(Path data, Path out, Object... extra) {
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

  private String[] dream(Path modelDir, Path initial, Path out, Object... extra) {
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

  private String[] control(Path modelDir, Path out, Object... extra) {
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

  private String[] predict(Path modelDir, Path data, Path out, Object... extra) {
    return command(
        List.of("mdn", "predict"), flags("--model", modelDir, "--data", data, "--out", out), extra);
  }

  private List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();

    // --- episode files (train --data) ------------------------------------------------------
    byte[] goodFile = Files.readAllBytes(good.resolve(EpisodeStore.fileName(0)));
    dataCase(c, "truncated npz", dataWith("trunc", Arrays.copyOf(goodFile, goodFile.length / 2)));
    byte[] corrupt = corruptEntry(goodFile, "z.npy");
    dataCase(c, "corrupt npz entry", dataWith("corrupt", corrupt), "'z'");
    dataCase(
        c,
        "non-zip named .npz",
        dataWith("notzip", "this is not a zip archive\n".getBytes(StandardCharsets.UTF_8)));
    dataCase(
        c,
        "npy header declaring a huge shape",
        dataWith("huge", episode(5, "z", rawNpy("<f4", "(1000000, 1000000)", new byte[48]))),
        "'z'");
    dataCase(
        c,
        "npy header promising more data than present",
        dataWith("short", episode(5, "action", rawNpy("<f4", "(5, 100)", new byte[20]))),
        "'action'");
    dataCase(
        c,
        "object (pickled) array",
        dataWith("object", episode(5, "z", rawNpy("|O", "(6, 2)", new byte[96]))),
        "'z'");
    dataCase(
        c,
        "string dtype",
        dataWith("string", episode(5, "action", rawNpy("<U8", "(5, 1)", new byte[160]))),
        "'action'");
    dataCase(c, "wrong rank", dataWith("rank", episode(5, "z", floats1(12, 0f))), "'z'");
    dataCase(
        c,
        "z and action lengths disagree",
        dataWith("zlen", episode(5, "z", floats(9, 2, 0f))),
        "'z'");
    dataCase(
        c,
        "reward length disagrees",
        dataWith("rlen", episode(5, "reward", floats1(4, 0f))),
        "'reward'");
    dataCase(
        c,
        "z size differs between episodes",
        dataWith("zsize", episode(5, "z", floats(6, 3, 0f))),
        "'z'");
    dataCase(
        c, "NaN in z", dataWith("nan", episode(5, "z", floats(6, 2, Float.NaN))), "'z'", "NaN");
    dataCase(
        c,
        "Inf in action",
        dataWith("inf", episode(5, "action", floats(5, 1, Float.POSITIVE_INFINITY))),
        "'action'",
        "Infinity");
    dataCase(
        c,
        "-Inf in reward",
        dataWith("ninf", episode(5, "reward", floats1(5, Float.NEGATIVE_INFINITY))),
        "'reward'",
        "Infinity");
    dataCase(
        c,
        "empty episode",
        dataWith("empty", episode(0, "z", floats(1, 2, 0f), "action", floats(0, 1, 0f))),
        "'action'",
        "empty");
    dataCase(
        c,
        "done flag neither bool nor 0/1",
        dataWith("flag", episode(5, "terminated", floats1(5, 2f))),
        "'terminated'");
    dataCase(c, "missing key", dataWith("missing", Map.of("z", floats(6, 2, 0f))), "'action'");

    Path emptyDir = Files.createDirectories(tmp.resolve("empty-dir"));
    c.add(
        new Case("empty directory", train(emptyDir, out("emptydir")), null, List.of("empty-dir")));
    Path missingDir = tmp.resolve("no-such-dir");
    c.add(
        new Case(
            "missing data directory",
            train(missingDir, out("nodir")),
            null,
            List.of("no-such-dir")));
    Path aFile = tmp.resolve("plain-file.txt");
    Files.writeString(aFile, "x");
    c.add(
        new Case(
            "--data is a file", train(aFile, out("datafile")), null, List.of("plain-file.txt")));

    // spec.json
    Path malformedSpec = Files.createDirectories(tmp.resolve("spec-malformed"));
    writeEpisodes(malformedSpec, 2, 6, 3);
    Files.writeString(malformedSpec.resolve("spec.json"), "{\"z_size\": ");
    c.add(specCase("malformed spec.json", malformedSpec, "spec.json", "malformed JSON"));
    Path typedSpec = Files.createDirectories(tmp.resolve("spec-type"));
    writeEpisodes(typedSpec, 2, 6, 3);
    Files.writeString(
        typedSpec.resolve("spec.json"),
        "{\"z_size\": \"two\", \"action\": {\"type\": \"box\", \"low\": [-1], \"high\": [1]}}");
    c.add(specCase("spec.json key of the wrong type", typedSpec, "spec.json", "z_size"));
    Path negSpec = Files.createDirectories(tmp.resolve("spec-negative"));
    writeEpisodes(negSpec, 2, 6, 3);
    Files.writeString(
        negSpec.resolve("spec.json"),
        "{\"z_size\": -2, \"action\": {\"type\": \"box\", \"low\": [-1], \"high\": [1]}}");
    c.add(specCase("spec.json negative z_size", negSpec, "spec.json", "z_size"));
    Path otherSpec = Files.createDirectories(tmp.resolve("spec-mismatch"));
    writeEpisodes(otherSpec, 2, 6, 3);
    Files.writeString(
        otherSpec.resolve("spec.json"),
        "{\"z_size\": 5, \"action\": {\"type\": \"box\", \"low\": [-1], \"high\": [1]}}");
    c.add(specCase("spec.json disagreeing with the data", otherSpec, "spec.json", "z_size"));

    // The same readers behind the other commands' data flags.
    Path truncated = tmp.resolve("data-trunc");
    Path o = out("eval-data");
    c.add(
        new Case(
            "eval: truncated npz",
            args("eval", "--model", model, "--data", truncated),
            o,
            List.of(BAD)));
    o = out("dream-initial");
    c.add(
        new Case("dream: truncated npz in --initial", dream(model, truncated, o), o, List.of(BAD)));
    o = out("control-initial");
    c.add(
        new Case(
            "control: NaN in --initial",
            control(model, o, "--initial", tmp.resolve("data-nan")),
            o,
            List.of(BAD, "'z'")));

    Path wide = Files.createDirectories(tmp.resolve("data-wide"));
    EpisodeStore.write(
        wide.resolve(EpisodeStore.fileName(0)),
        Episode.ofTransitions(new float[3][3], new float[2][1]));
    o = out("dream-wide");
    c.add(
        new Case(
            "dream: --initial of another z size",
            dream(model, wide, o),
            o,
            List.of("--initial", "data-wide", "z size 3")));
    o = out("control-wide");
    c.add(
        new Case(
            "control: --initial of another z size",
            control(model, o, "--initial", wide),
            o,
            List.of("--initial", "data-wide", "z size 3")));

    o = out("control-halt-negative");
    c.add(
        new Case(
            "control: negative --halt-margin",
            control(model, o, "--halt-margin", -0.5),
            o,
            List.of("--halt-margin", "-0.5")));
    o = out("control-halt-no-range");
    c.add(
        new Case(
            "control: --halt-margin on a model without a latent range",
            control(model, o, "--halt-margin", 0),
            o,
            List.of("halt margin 0.0", "records no latent range")));

    // --- --config JSON ------------------------------------------------------------------------
    Path cfgMalformed = tmp.resolve("cfg-malformed.json");
    Files.writeString(cfgMalformed, "{\"hidden\": 4,");
    Path cfgUnknown = tmp.resolve("cfg-unknown.json");
    Files.writeString(cfgUnknown, "{\"hiden\": 4}");
    Path cfgType = tmp.resolve("cfg-type.json");
    Files.writeString(cfgType, "{\"hidden\": \"big\"}");
    Path cfgRange = tmp.resolve("cfg-range.json");
    Files.writeString(cfgRange, "{\"seq_len\": -3}");
    Path cfgArray = tmp.resolve("cfg-array.json");
    Files.writeString(cfgArray, "[1, 2]");
    configCase(c, "malformed --config", cfgMalformed);
    configCase(c, "--config with an unknown key", cfgUnknown, "hiden");
    configCase(c, "--config key of the wrong type", cfgType, "hidden");
    configCase(c, "--config key out of range", cfgRange, "seq_len");
    configCase(c, "--config not an object", cfgArray);
    configCase(c, "--config missing", tmp.resolve("cfg-none.json"));

    // --- controller JSON ---------------------------------------------------------------------
    Path ctlMalformed = tmp.resolve("ctl-malformed.json");
    Files.writeString(ctlMalformed, "{\"format\": \"worldmodels-controller\", ");
    Path ctlKey = tmp.resolve("ctl-key.json");
    Files.writeString(
        ctlKey,
        "{\"format\": \"worldmodels-controller\", \"format_version\": 1, \"spec\": {\"kind\":"
            + " \"linear\", \"z_size\": \"4\"}}");
    o = out("dream-ctl");
    c.add(
        new Case(
            "dream: malformed controller JSON",
            dream(model, good, o, "--policy", ctlMalformed),
            o,
            List.of("ctl-malformed.json")));
    o = out("dream-ctl-key");
    c.add(
        new Case(
            "dream: controller key of the wrong type",
            dream(model, good, o, "--policy", ctlKey),
            o,
            List.of("ctl-key.json", "spec.z_size")));
    c.add(
        new Case(
            "play: malformed controller JSON",
            args(
                "play",
                "--model",
                cartpoleModel,
                "--controller",
                ctlMalformed,
                "--env",
                "cartpole",
                "--episodes",
                1,
                "--quiet"),
            null,
            List.of("ctl-malformed.json")));
    c.add(
        new Case(
            "play: missing controller",
            args(
                "play",
                "--model",
                cartpoleModel,
                "--controller",
                tmp.resolve("ctl-none.json"),
                "--env",
                "cartpole",
                "--episodes",
                1,
                "--quiet"),
            null,
            List.of("ctl-none.json")));

    // --- flags -------------------------------------------------------------------------------
    for (String[] f :
        new String[][] {
          {"train", "--frobnicate"}, {"dream", "--frobnicate"}, {"eval", "--frobnicate"},
        }) {
      o = out("unknown-" + f[0]);
      String[] a =
          switch (f[0]) {
            case "train" -> train(good, o, f[1], null);
            case "dream" -> dream(model, good, o, f[1], null);
            default -> args("eval", "--model", model, "--data", good, f[1]);
          };
      c.add(new Case(f[0] + ": unknown flag", a, o, List.of("--frobnicate")));
    }
    c.add(
        new Case(
            "mdn predict: unknown flag",
            predict(model, aFile, out("p"), "--bogus", null),
            null,
            List.of("--bogus")));
    c.add(new Case("unknown command", args("frobnicate"), null, List.of("frobnicate")));
    o = out("hidden-abc");
    c.add(
        new Case(
            "train: non-numeric --hidden",
            train(good, o, "--hidden", "abc"),
            o,
            List.of("--hidden", "abc")));

    // Negative and zero sizes.
    for (Object[] f :
        new Object[][] {
          {"--hidden", -1},
          {"--mixtures", 0},
          {"--seq-len", -4},
          {"--batch", -2},
          {"--steps", -1},
          {"--checkpoint-every", 0},
          {"--lr", -0.1},
          {"--validation-fraction", -0.5},
        }) {
      o = out("train" + f[0]);
      c.add(
          new Case(
              "train " + f[0] + " " + f[1], train(good, o, f[0], f[1]), o, List.of((String) f[0])));
    }
    for (Object[] f :
        new Object[][] {
          {"--episodes", -1},
          {"--max-steps", -3},
          {"--batch", 0},
          {"--batch", -8},
          {"--context", -1}
        }) {
      o = out("dream" + f[0]);
      c.add(
          new Case(
              "dream " + f[0] + " " + f[1],
              dream(model, good, o, f[0], f[1]),
              o,
              List.of((String) f[0])));
    }
    for (Object[] f :
        new Object[][] {
          {"--population", -4},
          {"--generations", 0},
          {"--rollouts", -1},
          {"--max-steps", -5},
          {"--hidden-units", -2},
          {"--initial-sigma", -1.0},
          {"--context", -1},
          {"--context", 99},
        }) {
      o = out("control" + f[0]);
      c.add(
          new Case(
              "control " + f[0] + " " + f[1],
              control(model, o, f[0], f[1]),
              o,
              List.of((String) f[0])));
    }
    o = out("collect");
    c.add(
        new Case(
            "collect --episodes -2",
            args("collect", "--env", "cartpole", "--episodes", -2, "--out", o, "--quiet"),
            o,
            List.of("--episodes")));
    c.add(
        new Case(
            "eval --batch -1",
            args("eval", "--model", model, "--data", good, "--batch", -1),
            null,
            List.of("--batch")));
    c.add(
        new Case(
            "play --episodes -1",
            args(
                "play",
                "--model",
                cartpoleModel,
                "--controller",
                ctlMalformed,
                "--env",
                "cartpole",
                "--episodes",
                -1),
            null,
            List.of("--episodes")));
    o = out("predict-samples");
    c.add(
        new Case(
            "mdn predict --samples -1",
            predict(model, aFile, o, "--samples", -1),
            o,
            List.of("--samples")));

    // Temperatures <= 0 (and not a number).
    for (String t : new String[] {"0", "-1", "NaN"}) {
      o = out("dream-t" + t);
      c.add(
          new Case(
              "dream --temperature " + t,
              dream(model, good, o, "--temperature", t),
              o,
              List.of("--temperature")));
      o = out("predict-t" + t);
      c.add(
          new Case(
              "mdn predict --temperature " + t,
              args(
                  "mdn",
                  "predict",
                  "--model",
                  model,
                  "--data",
                  aFile,
                  "--out",
                  o,
                  "--temperature",
                  t),
              o,
              List.of("--temperature")));
      o = out("control-t" + t);
      c.add(
          new Case(
              "control --temperature " + t,
              control(model, o, "--temperature", t),
              o,
              List.of("--temperature")));
    }
    o = out("dream-sigma-t");
    c.add(
        new Case(
            "dream --sigma-temperature 0",
            dream(model, good, o, "--sigma-temperature", 0),
            o,
            List.of("--sigma-temperature")));

    // Output paths that cannot be created.
    o = aFile.resolve("result");
    c.add(
        new Case(
            "train: --out under a file", train(good, o), null, List.of("--out", "plain-file.txt")));
    c.add(
        new Case(
            "dream: --out under a file",
            dream(model, good, o),
            null,
            List.of("--out", "plain-file.txt")));
    c.add(
        new Case(
            "collect: --out under a file",
            args("collect", "--env", "cartpole", "--episodes", 1, "--out", o, "--quiet"),
            null,
            List.of("--out", "plain-file.txt")));
    c.add(
        new Case(
            "control: --out under a file",
            control(model, o),
            null,
            List.of("--out", "plain-file.txt")));

    // --- CSV and mdn fit ------------------------------------------------------------------------
    Path csv = tmp.resolve("xy.csv");
    Files.writeString(csv, "x,y\n0.1,0.2\n0.3,0.4\n0.5,0.1\n");
    Path csvNan = tmp.resolve("xy-nan.csv");
    Files.writeString(csvNan, "x,y\n0.1,0.2\n0.3,NaN\n");
    Path csvText = tmp.resolve("xy-text.csv");
    Files.writeString(csvText, "x,y\n0.1,0.2\n0.3,abc\n");
    Path csvNoY = tmp.resolve("xy-noy.csv");
    Files.writeString(csvNoY, "x,z\n0.1,0.2\n");
    Path csvRagged = tmp.resolve("xy-ragged.csv");
    Files.writeString(csvRagged, "x,y\n0.1,0.2\n0.3\n");
    Object[][] fits = {
      {"--mixtures 0", csv, new Object[] {"--mixtures", 0}, List.of("--mixtures")},
      {"--hidden 0", csv, new Object[] {"--hidden", 0}, List.of("--hidden")},
      {"--steps -5", csv, new Object[] {"--steps", -5}, List.of("--steps")},
      {"--lr -1", csv, new Object[] {"--lr", -1}, List.of("--lr")},
      {"--sigma sometimes", csv, new Object[] {"--sigma", "sometimes"}, List.of("--sigma")},
      {"missing CSV", tmp.resolve("none.csv"), new Object[0], List.of("none.csv")},
      {"NaN in the CSV", csvNan, new Object[0], List.of("xy-nan.csv", "y")},
      {"text in the CSV", csvText, new Object[0], List.of("xy-text.csv", "abc")},
      {"CSV without the target column", csvNoY, new Object[0], List.of("xy-noy.csv", "y")},
      {"ragged CSV", csvRagged, new Object[0], List.of("xy-ragged.csv")},
    };
    for (Object[] f : fits) {
      o = out("fit");
      String[] a =
          command(
              List.of("mdn", "fit", "--quiet"),
              flags("--data", f[1], "--input", "x", "--target", "y", "--out", o, "--steps", 2),
              (Object[]) f[2]);
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) f[3];
      c.add(new Case("mdn fit: " + f[0], a, o, names));
    }

    // --- run recipes ---------------------------------------------------------------------------
    Path recipeMalformed = Files.createDirectories(tmp.resolve("recipe-malformed"));
    Files.writeString(recipeMalformed.resolve("config.json"), "{\"env\": \"cartpole\",");
    Path recipeUnknown = Files.createDirectories(tmp.resolve("recipe-unknown"));
    Files.writeString(
        recipeUnknown.resolve("config.json"), "{\"env\": \"cartpole\", \"colect\": {}}");
    Object[][] recipes = {
      {"missing recipe", tmp.resolve("no-recipe"), List.of("no-recipe")},
      {"malformed recipe", recipeMalformed, List.of("recipe-malformed", "config.json")},
      {"recipe with a misspelt key", recipeUnknown, List.of("config.json", "'collect'")},
    };
    for (Object[] r : recipes) {
      o = out("run");
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) r[2];
      c.add(new Case("run: " + r[0], args("run", r[1], "--out", o, "--quiet"), o, names));
    }

    // --- model directories ---------------------------------------------------------------------
    Path noLatest = modelCopy("no-latest");
    Files.delete(noLatest.resolve(Checkpoints.LATEST));
    Path dangling = modelCopy("dangling");
    Files.writeString(
        dangling.resolve(Checkpoints.LATEST),
        "{\"checkpoint\": \"ckpt-000000999\", \"step\": 999}");
    Path badLatest = modelCopy("bad-latest");
    Files.writeString(badLatest.resolve(Checkpoints.LATEST), "{\"checkpoint\": ");
    Path truncWeights = modelCopy("trunc-weights");
    Path w = Checkpoints.latestDir(truncWeights).resolve(Checkpoints.WEIGHTS);
    byte[] wb = Files.readAllBytes(w);
    Files.write(w, Arrays.copyOf(wb, wb.length / 2));
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

    Object[][] models = {
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
    for (Object[] m : models) {
      Path dir = (Path) m[1];
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) m[2];
      o = out("dream-model");
      c.add(new Case("dream: " + m[0], dream(dir, good, o), o, names));
      c.add(new Case("eval: " + m[0], args("eval", "--model", dir, "--data", good), null, names));
      o = out("control-model");
      c.add(new Case("control: " + m[0], control(dir, o), o, names));
    }
    c.add(
        new Case(
            "train --resume from a truncated weights.npz",
            train(good, truncWeights, "--resume", null),
            null,
            List.of("weights.npz")));
    o = out("predict-model");
    c.add(
        new Case(
            "mdn predict: missing model",
            predict(tmp.resolve("no-mdn"), aFile, o),
            o,
            List.of("no-mdn")));
    c.add(
        new Case(
            "mdn eval: not an mdn model",
            args("mdn", "eval", "--model", model, "--data", aFile),
            null,
            List.of("model")));
    return c;
  }

  private void dataCase(List<Case> c, String name, Path data, String... keys) throws IOException {
    Path o = out("train-" + name.replace(' ', '-'));
    List<String> names = new ArrayList<>(List.of(BAD));
    names.addAll(List.of(keys));
    c.add(new Case("train: " + name, train(data, o), o, names));
  }

  private Case specCase(String name, Path data, String... names) throws IOException {
    Path o = out("spec");
    return new Case("train: " + name, train(data, o), o, List.of(names));
  }

  private void configCase(List<Case> c, String name, Path cfg, String... keys) throws IOException {
    Path o = out("config");
    List<String> names = new ArrayList<>(List.of(cfg.getFileName().toString()));
    names.addAll(List.of(keys));
    String[] a =
        command(
            List.of("train", "--quiet"),
            flags("--data", good, "--out", o, "--config", cfg, "--steps", 1));
    c.add(new Case("train: " + name, a, o, names));
  }

  /** The file with bytes in the middle of entry {@code name}'s compressed data overwritten. */
  private static byte[] corruptEntry(byte[] file, String name) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] out = file.clone();
    for (int i = 0; i + n.length < file.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(file, i, i + n.length), n)) {
        // Local header name, then (in our files) the entry's data: skip the header's extra
        // field and hit the deflate stream.
        for (int j = i + n.length + 8; j < i + n.length + 40; j++) {
          out[j] = (byte) 0xA5;
        }
        return out;
      }
    }
    throw new IllegalStateException("no entry " + name);
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  @TestFactory
  Stream<DynamicTest> everyBadInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
    fixtures();
    List<Case> cases = cases();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private void check(Case c) throws IOException {
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

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The library says the same

  @Test
  void libraryCallsThrowTheMessageTheCommandLinePrints() throws IOException {
    fixtures();
    Path data = dataWith("lib", episode(5, "z", floats(9, 2, 0f)));
    Path o = out("lib");
    CliRun r = CliRun.of(train(data, o));
    assertThatThrownBy(() -> EpisodeStore.load(data))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(r.errLines()[0]));

    Path dangling = modelCopy("lib-dangling");
    Files.writeString(
        dangling.resolve(Checkpoints.LATEST), "{\"checkpoint\": \"ckpt-000000042\", \"step\": 42}");
    CliRun d = CliRun.of(dream(dangling, good, out("lib-dream")));
    assertThatThrownBy(() -> WorldModel.load(dangling))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(d.errLines()[0]));
    assertThatThrownBy(() -> Checkpoints.load(dangling, true))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(d.errLines()[0]));

    Path ctl = tmp.resolve("lib-ctl.json");
    Files.writeString(ctl, "{");
    CliRun p = CliRun.of(dream(model, good, out("lib-ctl"), "--policy", ctl));
    assertThatThrownBy(() -> ControllerFile.read(ctl))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(p.errLines()[0]));

    Path huge =
        dataWith("lib-huge", episode(5, "z", rawNpy("<f4", "(1000000, 1000000)", new byte[48])));
    assertThatThrownBy(() -> EpisodeStore.read(huge.resolve(BAD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BAD)
        .hasMessageContaining("'z'");
  }
}
