package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/** {@code report.md} of a pipeline run. */
final class RunReport {
  private RunReport() {}

  static void write(Path file, Recipe recipe, Summary s) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# World Models on ")
        .append(s.env())
        .append(" (seed ")
        .append(s.seed())
        .append(")\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "The controller, trained only in the dream, scores **%.1f +- %.1f** over %d real"
                + " episodes with unseen seeds; its mean return in fresh dreams was %.1f.%n%n",
            s.realMeanReturn(),
            s.realStdReturn(),
            s.realEpisodes(),
            s.dreamMeanReturn()));
    b.append("| phase | seconds |\n| --- | --- |\n");
    for (Map.Entry<String, Double> e : s.seconds().entrySet()) {
      b.append(String.format(Locale.ROOT, "| %s | %.1f |%n", e.getKey(), e.getValue()));
    }
    b.append(String.format(Locale.ROOT, "| total | %.1f |%n%n", s.totalSeconds()));
    b.append("## Training of the MDN-RNN\n\n![training](plots/training.png)\n\n");
    b.append("## Real and dreamed trajectories under the same actions\n\n");
    b.append(
        "The longest recorded episode, and the dream started from its first state and fed"
            + " the same actions (temperature 1, its own samples fed back).\n\n");
    b.append("![real vs dream](plots/real-vs-dream.png)\n\n");
    b.append("## CMA-ES in the dream\n\n![cmaes](plots/cmaes.png)\n\n");
    b.append("## Real returns\n\n![returns](plots/real-returns.png)\n\n");
    b.append("## Recipe\n\n```json\n").append(Json.pretty(recipe)).append("```\n");
    AtomicFiles.writeString(file, b.toString());
  }
}
