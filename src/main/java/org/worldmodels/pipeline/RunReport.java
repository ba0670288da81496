package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;

/**
 * {@code report.md} of a pipeline run: the headline figures and time per phase, then the sections
 * the phases added, in order, then the recipe.
 */
final class RunReport {
  private RunReport() {}

  static void write(Path file, Recipe recipe, Summary s, ReportSections sections)
      throws IOException {
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
    for (ReportSections.Section section : sections.all()) {
      b.append("## ")
          .append(section.title())
          .append("\n\n")
          .append(section.markdown())
          .append('\n');
    }
    b.append("## Recipe\n\n```json\n").append(Json.pretty(recipe)).append("```\n");
    AtomicFiles.writeString(file, b.toString());
  }
}
