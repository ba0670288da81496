package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad input to {@code control}: --initial data, the halt margin, flags, paths and model directories
 * (see {@link BadInputCases}).
 */
class ControlBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path o = out("control-initial");
    c.add(
        new Case(
            "control: NaN in --initial",
            control(model, o, "--initial", nanData()),
            o,
            List.of(BAD, "'z'")));
    o = out("control-wide");
    c.add(
        new Case(
            "control: --initial of another z size",
            control(model, o, "--initial", wideData()),
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
    // Temperatures <= 0 (and not a number).
    for (String t : new String[] {"0", "-1", "NaN"}) {
      o = out("control-t" + t);
      c.add(
          new Case(
              "control --temperature " + t,
              control(model, o, "--temperature", t),
              o,
              List.of("--temperature")));
    }

    // Output paths that cannot be created.
    o = plainFile().resolve("result");
    c.add(
        new Case(
            "control: --out under a file",
            control(model, o),
            null,
            List.of("--out", "plain-file.txt")));

    // --incumbent: missing, not a controller file, a controller of another kind.
    Path linear = tmp.resolve("linear-controller.json");
    org.worldmodels.control.ControllerSpec linearSpec =
        org.worldmodels.control.ControllerSpec.linear(2, 4, SPEC.action());
    org.worldmodels.control.ControllerFile.of(
            linearSpec.create(new double[linearSpec.parameterCount()]),
            org.worldmodels.control.ModelReference.of(model))
        .write(linear);
    Object[][] incumbents = {
      {tmp.resolve("no-such-controller.json"), "no-such-controller.json"},
      {plainFile(), "plain-file.txt"},
      {linear, "this search trains"},
    };
    for (Object[] inc : incumbents) {
      o = out("control-incumbent");
      c.add(
          new Case(
              "control --incumbent " + inc[1],
              control(model, o, "--incumbent", inc[0]),
              o,
              List.of("--incumbent", (String) inc[1])));
    }

    // --- model directories ---------------------------------------------------------------------
    for (Object[] m : brokenModels()) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) m[2];
      o = out("control-model");
      c.add(new Case("control: " + m[0], control((Path) m[1], o), o, names));
    }
    return c;
  }
}
