package org.worldmodels.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.worldmodels.util.AtomicFiles;

/**
 * Training figures, one row per step, kept in memory and written as {@code metrics.csv}
 * (atomically) at each checkpoint. On resume, rows after the checkpoint's step are dropped, so the
 * file reads as if the run had never stopped.
 */
public final class MetricsLog {
  /** File name in the model directory. */
  public static final String FILE = "metrics.csv";

  static final String HEADER = "step,train_nll,val_nll_per_dim,reward_loss,done_loss,grad_norm,lr";

  /**
   * One row. {@code valNllPerDim} is NaN on steps without validation.
   *
   * @param step updates done after this row's update (1-based)
   * @param trainNll the batch's mixture NLL per step and dimension before the update
   * @param valNllPerDim validation {@code nll_per_dim} after the update, or NaN
   * @param rewardLoss the batch's reward loss
   * @param doneLoss the batch's done loss
   * @param gradNorm global gradient norm before clipping
   * @param lr the learning rate of the update
   */
  public record Row(
      long step,
      double trainNll,
      double valNllPerDim,
      double rewardLoss,
      double doneLoss,
      double gradNorm,
      double lr) {
    String csv() {
      return String.format(
          Locale.ROOT,
          "%d,%s,%s,%s,%s,%s,%s",
          step,
          num(trainNll),
          num(valNllPerDim),
          num(rewardLoss),
          num(doneLoss),
          num(gradNorm),
          num(lr));
    }

    private static String num(double v) {
      return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static Row parse(String line) {
      String[] f = line.split(",", -1);
      return new Row(Long.parseLong(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]));
    }

    private static double d(String s) {
      return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
  }

  private final Path file;
  private final List<Row> rows = new ArrayList<>();

  private MetricsLog(Path file) {
    this.file = file;
  }

  /** A log for {@code modelDir}, keeping existing rows up to and including {@code step}. */
  public static MetricsLog open(Path modelDir, long step) throws IOException {
    MetricsLog log = new MetricsLog(modelDir.resolve(FILE));
    if (step > 0 && Files.isRegularFile(log.file)) {
      List<String> lines = Files.readAllLines(log.file);
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        Row r = Row.parse(lines.get(i));
        if (r.step() <= step) {
          log.rows.add(r);
        }
      }
    }
    return log;
  }

  /** Appends a row. */
  public void add(Row r) {
    rows.add(r);
  }

  /** Replaces the validation figure of the last row. */
  public void setLastValidation(double v) {
    Row r = rows.remove(rows.size() - 1);
    rows.add(
        new Row(r.step(), r.trainNll(), v, r.rewardLoss(), r.doneLoss(), r.gradNorm(), r.lr()));
  }

  /** The rows so far. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Writes {@code metrics.csv}. */
  public void write() throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      sb.append(r.csv()).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
