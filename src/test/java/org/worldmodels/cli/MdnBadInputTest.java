package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad input to {@code mdn fit}, {@code mdn predict} and {@code mdn eval} (see {@link
 * BadInputCases}).
 */
class MdnBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    Path aFile = plainFile();
    c.add(
        new Case(
            "mdn predict: unknown flag",
            predict(model, aFile, out("p"), "--bogus", null),
            null,
            List.of("--bogus")));
    Path o;
    o = out("predict-samples");
    c.add(
        new Case(
            "mdn predict --samples -1",
            predict(model, aFile, o, "--samples", -1),
            o,
            List.of("--samples")));
    // Temperatures <= 0 (and not a number).
    for (String t : new String[] {"0", "-1", "NaN"}) {
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
    }

    // --- CSV and mdn fit ------------------------------------------------------------------------
    Path csv = file("xy.csv", "x,y\n0.1,0.2\n0.3,0.4\n0.5,0.1\n");
    Path csvNan = file("xy-nan.csv", "x,y\n0.1,0.2\n0.3,NaN\n");
    Path csvText = file("xy-text.csv", "x,y\n0.1,0.2\n0.3,abc\n");
    Path csvNoY = file("xy-noy.csv", "x,z\n0.1,0.2\n");
    Path csvRagged = file("xy-ragged.csv", "x,y\n0.1,0.2\n0.3\n");
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
}
