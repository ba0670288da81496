package org.worldmodels.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.worldmodels.util.AtomicFiles;

/**
 * The VAE's training figures, one row per step, written as {@code metrics.csv} (atomically) with
 * each checkpoint. On resume, rows after the checkpoint's step are dropped, so the file reads as if
 * the run had never stopped.
 */
public final class VaeMetrics {
  /** File name in the VAE directory. */
  public static final String FILE = "metrics.csv";

  static final String HEADER = "epoch,step,train_loss,recon,kl,val_recon_mse";

  /**
   * One row.
   *
   * @param epoch 1-based epoch of the step
   * @param step updates done after this row's update
   * @param trainLoss the batch's loss before the update
   * @param recon the batch's mean reconstruction term per frame
   * @param kl the batch's mean unfloored KL per frame, nats
   * @param valReconMse validation {@code recon_mse} after the epoch's last step, NaN on others
   */
  public record Row(
      int epoch, long step, double trainLoss, double recon, double kl, double valReconMse) {
    String csv() {
      return String.format(
          Locale.ROOT,
          "%d,%d,%s,%s,%s,%s",
          epoch,
          step,
          num(trainLoss),
          num(recon),
          num(kl),
          num(valReconMse));
    }

    private static String num(double v) {
      return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static Row parse(String line) {
      String[] f = line.split(",", -1);
      return new Row(
          Integer.parseInt(f[0]), Long.parseLong(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]));
    }

    private static double d(String s) {
      return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    Row withValidation(double v) {
      return new Row(epoch, step, trainLoss, recon, kl, v);
    }
  }

  private final Path file;
  private final List<Row> rows = new ArrayList<>();

  private VaeMetrics(Path file) {
    this.file = file;
  }

  /** A log for {@code dir}, keeping existing rows up to and including {@code step}. */
  public static VaeMetrics open(Path dir, long step) throws IOException {
    VaeMetrics log = new VaeMetrics(dir.resolve(FILE));
    if (step > 0 && Files.isRegularFile(log.file)) {
      List<String> lines = Files.readAllLines(log.file);
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          Row r = Row.parse(line);
          if (r.step() <= step) {
            log.rows.add(r);
          }
        }
      }
    }
    return log;
  }

  void add(Row r) {
    rows.add(r);
  }

  void setLastValidation(double v) {
    rows.set(rows.size() - 1, rows.get(rows.size() - 1).withValidation(v));
  }

  /** The rows so far. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  void write() throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      sb.append(r.csv()).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }
}
