package org.worldmodels.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;

/**
 * Plots of how benchmark costs grow, from the JSON lines that {@code bench train} and {@code bench
 * step} print (as collected by {@code docs/run-benchmarks.sh}); other lines are skipped.
 *
 * <ul>
 *   <li>{@code train-scaling.png}: ms per training step against batch, sequence length and hidden
 *       size, each as a multiple of its default (100, 100, 256), the others at their defaults.
 *   <li>{@code dream-scaling.png}: us per row and dream step against batch, one line per backend.
 * </ul>
 */
public final class BenchPlots {
  static final int BATCH = 100;
  static final int SEQ_LEN = 100;
  static final int HIDDEN = 256;

  private BenchPlots() {}

  /** The benchmark lines of {@code file}: every line that parses as a JSON object. */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String s = line.trim();
      if (!s.startsWith("{")) {
        continue;
      }
      try {
        out.add(Json.parseTree(s));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // not a figure line
      }
    }
    return out;
  }

  /**
   * Writes both plots into {@code dir}.
   *
   * @throws IllegalArgumentException if {@code figures} holds neither kind of line
   */
  public static void write(List<JsonNode> figures, Path dir) throws IOException {
    Map<String, TreeMap<Double, Double>> train = new TreeMap<>();
    Map<String, TreeMap<Double, Double>> dream = new TreeMap<>();
    for (JsonNode f : figures) {
      if (f.has("ms_per_step")) {
        int b = f.path("batch").asInt();
        int t = f.path("seq_len").asInt();
        int h = f.path("hidden").asInt();
        double ms = f.get("ms_per_step").asDouble();
        if (t == SEQ_LEN && h == HIDDEN) {
          train.computeIfAbsent("batch (x 100)", k -> new TreeMap<>()).put((double) b / BATCH, ms);
        }
        if (b == BATCH && h == HIDDEN) {
          train
              .computeIfAbsent("sequence length (x 100)", k -> new TreeMap<>())
              .put((double) t / SEQ_LEN, ms);
        }
        if (b == BATCH && t == SEQ_LEN) {
          train
              .computeIfAbsent("hidden size (x 256)", k -> new TreeMap<>())
              .put((double) h / HIDDEN, ms);
        }
      } else if (f.has("us_per_sample_step")) {
        dream
            .computeIfAbsent(f.path("backend").asText("?"), k -> new TreeMap<>())
            .put(f.path("batch").asDouble(), f.get("us_per_sample_step").asDouble());
      }
    }
    Check.argument(
        !train.isEmpty() || !dream.isEmpty(),
        "no benchmark figures: expected JSON lines with ms_per_step or us_per_sample_step");
    Files.createDirectories(dir);
    if (!train.isEmpty()) {
      XYChart c =
          logLog(
              "Training step (others at their defaults)", "multiple of the default", "ms per step");
      addAll(c, train);
      Charts.savePng(c, dir.resolve("train-scaling.png"));
    }
    if (!dream.isEmpty()) {
      XYChart c = logLog("Dream step", "batch (rows)", "us per row and step");
      addAll(c, dream);
      Charts.savePng(c, dir.resolve("dream-scaling.png"));
    }
  }

  private static XYChart logLog(String title, String x, String y) {
    XYChart c = Charts.xy(title, x, y);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setMarkerSize(7);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    return c;
  }

  private static void addAll(XYChart c, Map<String, TreeMap<Double, Double>> series) {
    int i = 0;
    for (Map.Entry<String, TreeMap<Double, Double>> e : series.entrySet()) {
      double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
      double[] y = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
      XYSeries s = Charts.line(c, e.getKey(), x, y, Charts.color(i++));
      s.setMarker(SeriesMarkers.CIRCLE);
    }
  }
}
