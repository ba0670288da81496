package org.worldmodels.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numeric CSV file: comma-separated, a header row, every value a finite number. Reading checks
 * everything and names the file, line and column of the first problem.
 */
public final class CsvTable {
  private final List<String> header;
  private final Map<String, double[]> columns;
  private final int rows;

  private CsvTable(List<String> header, Map<String, double[]> columns, int rows) {
    this.header = header;
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * Reads {@code file} and checks that it has the {@code required} columns.
   *
   * @throws IllegalArgumentException naming the file and the problem: missing file, empty file, no
   *     data rows, missing column, ragged row, text, NaN or infinite value
   */
  public static CsvTable read(Path file, String... required) {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new IllegalArgumentException(file + ": empty file; expected a header row");
    }
    List<String> header = new ArrayList<>();
    for (String h : lines.get(0).split(",", -1)) {
      header.add(h.strip());
    }
    for (String col : required) {
      if (!header.contains(col)) {
        throw new IllegalArgumentException(
            file + ": no column '" + col + "'; the header has " + header);
      }
    }
    List<double[]> values = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(
            file
                + ": line "
                + (i + 1)
                + " has "
                + cells.length
                + " fields; expected "
                + header.size());
      }
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        row[c] = parse(file, i + 1, header.get(c), cells[c].strip());
      }
      values.add(row);
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      double[] col = new double[values.size()];
      for (int r = 0; r < col.length; r++) {
        col[r] = values.get(r)[c];
      }
      columns.put(header.get(c), col);
    }
    return new CsvTable(List.copyOf(header), columns, values.size());
  }

  private static double parse(Path file, int line, String column, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file + ": line " + line + ", column '" + column + "': '" + cell + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(
          file
              + ": line "
              + line
              + ", column '"
              + column
              + "': "
              + cell
              + "; expected a finite number");
    }
    return v;
  }

  /** The column named {@code name}. */
  public double[] column(String name) {
    double[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no column '" + name + "'; the header has " + header);
    }
    return c.clone();
  }

  /** Number of data rows. */
  public int rows() {
    return rows;
  }

  /** Column names in file order. */
  public List<String> header() {
    return header;
  }

  /** Writes a numeric CSV with a header row (atomically). */
  public static void write(Path file, List<String> header, List<double[]> rows) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (double[] row : rows) {
      if (row.length != header.size()) {
        throw new IllegalArgumentException(
            "row of "
                + row.length
                + " values for "
                + header.size()
                + " columns: "
                + Arrays.toString(row));
      }
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(row[i]);
      }
      sb.append('\n');
    }
    org.worldmodels.util.AtomicFiles.writeString(file, sb.toString());
  }
}
