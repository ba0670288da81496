package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad input to {@code dream}: --initial data, controllers, flags, paths and model directories (see
 * {@link BadInputCases}).
 */
class DreamBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path o = out("dream-initial");
    c.add(
        new Case(
            "dream: truncated npz in --initial",
            dream(model, truncatedData(), o),
            o,
            List.of(BAD)));
    o = out("dream-wide");
    c.add(
        new Case(
            "dream: --initial of another z size",
            dream(model, wideData(), o),
            o,
            List.of("--initial", "data-wide", "z size 3")));

    // --- controller JSON ---------------------------------------------------------------------
    Path ctlMalformed = malformedController();
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

    // --- flags -------------------------------------------------------------------------------
    o = out("unknown-dream");
    c.add(
        new Case(
            "dream: unknown flag",
            dream(model, good, o, "--frobnicate", null),
            o,
            List.of("--frobnicate")));
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
    // Temperatures <= 0 (and not a number).
    for (String t : new String[] {"0", "-1", "NaN"}) {
      o = out("dream-t" + t);
      c.add(
          new Case(
              "dream --temperature " + t,
              dream(model, good, o, "--temperature", t),
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
    o = plainFile().resolve("result");
    c.add(
        new Case(
            "dream: --out under a file",
            dream(model, good, o),
            null,
            List.of("--out", "plain-file.txt")));

    // --- model directories ---------------------------------------------------------------------
    for (Object[] m : brokenModels()) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) m[2];
      o = out("dream-model");
      c.add(new Case("dream: " + m[0], dream((Path) m[1], good, o), o, names));
    }
    return c;
  }
}
