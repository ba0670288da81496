package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bad input to {@code --engine}, {@code --master}, {@code run --seeds}. */
class EngineBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path o = out("collect");
    c.add(
        new Case(
            "collect --engine hadoop",
            args("collect", "--env", "cartpole", "--episodes", 2, "--out", o, "--engine", "hadoop"),
            o,
            List.of("--engine", "'hadoop'", "local or spark")));
    o = out("collect-master");
    c.add(
        new Case(
            "collect --master with the local engine",
            args("collect", "--env", "cartpole", "--episodes", 2, "--out", o, "--master", "local"),
            o,
            List.of("--master local", "--engine spark")));
    o = out("control");
    c.add(
        new Case(
            "control --engine hadoop",
            args("control", "--model", model, "--initial", good, "--out", o, "--engine", "hadoop"),
            o,
            List.of("--engine", "'hadoop'")));
    o = out("runs");
    c.add(
        new Case(
            "run --seeds 5-2",
            args("run", "envs/cartpole", "--seeds", "5-2", "--out", o),
            o,
            List.of("--seeds", "'5-2'", "A <= B")));
    c.add(
        new Case(
            "run --seeds x",
            args("run", "envs/cartpole", "--seeds", "x", "--out", o),
            o,
            List.of("--seeds", "'x'")));
    return c;
  }
}
