package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bad input to {@code collect}: flags and paths (see {@link BadInputCases}). */
class CollectBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path o = out("collect");
    c.add(
        new Case(
            "collect --episodes -2",
            args("collect", "--env", "cartpole", "--episodes", -2, "--out", o, "--quiet"),
            o,
            List.of("--episodes")));
    o = plainFile().resolve("result");
    c.add(
        new Case(
            "collect: --out under a file",
            args("collect", "--env", "cartpole", "--episodes", 1, "--out", o, "--quiet"),
            null,
            List.of("--out", "plain-file.txt")));
    return c;
  }
}
