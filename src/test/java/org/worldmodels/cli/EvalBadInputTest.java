package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bad input to {@code eval}: data, flags and model directories (see {@link BadInputCases}). */
class EvalBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path o = out("eval-data");
    c.add(
        new Case(
            "eval: truncated npz",
            args("eval", "--model", model, "--data", truncatedData()),
            o,
            List.of(BAD)));
    o = out("unknown-eval");
    c.add(
        new Case(
            "eval: unknown flag",
            args("eval", "--model", model, "--data", good, "--frobnicate"),
            o,
            List.of("--frobnicate")));
    c.add(
        new Case(
            "eval --batch -1",
            args("eval", "--model", model, "--data", good, "--batch", -1),
            null,
            List.of("--batch")));
    for (Object[] m : brokenModels()) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) m[2];
      c.add(new Case("eval: " + m[0], args("eval", "--model", m[1], "--data", good), null, names));
    }
    return c;
  }
}
