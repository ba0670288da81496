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
            play(ctlMalformed, 1, "--quiet"),
            null,
            List.of("ctl-malformed.json")));
    c.add(
        new Case(
            "play: missing controller",
            play(tmp.resolve("ctl-none.json"), 1, "--quiet"),
            null,
            List.of("ctl-none.json")));
    c.add(new Case("play --episodes -1", play(ctlMalformed, -1), null, List.of("--episodes")));
    return c;
  }

  /** {@code play} of the CartPole model with this controller for this many episodes. */
  private String[] play(Path controller, int episodes, Object... more) {
    List<Object> a = new ArrayList<>();
    a.addAll(
        List.of(
            "play",
            "--model",
            cartpoleModel,
            "--controller",
            controller,
            "--env",
            "cartpole",
            "--episodes",
            episodes));
    a.addAll(List.of(more));
    return args(a.toArray());
  }
}
