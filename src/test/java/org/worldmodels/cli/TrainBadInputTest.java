package org.worldmodels.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.worldmodels.data.EpisodeStore;

/**
 * Bad input to {@code train}: episode files, spec.json, --config, flags and paths (see {@link
 * BadInputCases}).
 */
class TrainBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    // --- episode files (train --data) ------------------------------------------------------
    byte[] goodFile = Files.readAllBytes(good.resolve(EpisodeStore.fileName(0)));
    dataCase(c, "truncated npz", truncatedData());
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
    Path aFile = plainFile();
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

    // --- --config JSON ------------------------------------------------------------------------
    Path cfgMalformed = file("cfg-malformed.json", "{\"hidden\": 4,");
    Path cfgUnknown = file("cfg-unknown.json", "{\"hiden\": 4}");
    Path cfgType = file("cfg-type.json", "{\"hidden\": \"big\"}");
    Path cfgRange = file("cfg-range.json", "{\"seq_len\": -3}");
    Path cfgArray = file("cfg-array.json", "[1, 2]");
    configCase(c, "malformed --config", cfgMalformed);
    configCase(c, "--config with an unknown key", cfgUnknown, "hiden");
    configCase(c, "--config key of the wrong type", cfgType, "hidden");
    configCase(c, "--config key out of range", cfgRange, "seq_len");
    configCase(c, "--config not an object", cfgArray);
    configCase(c, "--config missing", tmp.resolve("cfg-none.json"));

    Path o = out("unknown-train");
    c.add(
        new Case(
            "train: unknown flag",
            train(good, o, "--frobnicate", null),
            o,
            List.of("--frobnicate")));
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

    // Output paths that cannot be created.
    o = aFile.resolve("result");
    c.add(
        new Case(
            "train: --out under a file", train(good, o), null, List.of("--out", "plain-file.txt")));
    c.add(
        new Case(
            "train --resume from a truncated weights.npz",
            train(good, truncatedWeights(), "--resume", null),
            null,
            List.of("weights.npz")));
    return c;
  }

  void dataCase(List<Case> c, String name, Path data, String... keys) throws IOException {
    Path o = out("train-" + name.replace(' ', '-'));
    List<String> names = new ArrayList<>(List.of(BAD));
    names.addAll(List.of(keys));
    c.add(new Case("train: " + name, train(data, o), o, names));
  }

  Case specCase(String name, Path data, String... names) throws IOException {
    Path o = out("spec");
    return new Case("train: " + name, train(data, o), o, List.of(names));
  }

  void configCase(List<Case> c, String name, Path cfg, String... keys) throws IOException {
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
  static byte[] corruptEntry(byte[] file, String name) {
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
}
