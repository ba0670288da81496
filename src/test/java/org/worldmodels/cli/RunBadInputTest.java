package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad input to {@code run} (recipes) and to the command line itself (see {@link BadInputCases}).
 */
class RunBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    c.add(new Case("unknown command", args("frobnicate"), null, List.of("frobnicate")));

    Path o;
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
    // --resume without a run to continue: the directory is left as it was.
    Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
    Path recipe = org.worldmodels.pipeline.SmallRecipes.cartpole(tmp.resolve("small"), "null");
    c.add(
        new Case(
            "run --resume: no run there",
            args("run", recipe, "--out", notARun, "--resume", "--quiet"),
            null,
            List.of("not-a-run", "run-state.json")));
    return c;
  }
}
