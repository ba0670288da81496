package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bad input to {@code play}: controllers and flags (see {@link BadInputCases}). */
class PlayBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path ctlMalformed = malformedController();
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
    return c;
  }
}
