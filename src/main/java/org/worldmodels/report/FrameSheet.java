package org.worldmodels.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.worldmodels.data.Frames;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Check;

/**
 * Frames side by side: labelled rows of equally sized RGB frames composed into one image, for
 * example an episode's real frames, their reconstructions by the VAE, and the frames dreamed under
 * the same actions, one above the other so that column {@code t} of every row is time {@code t}.
 *
 * <pre>{@code
 * FrameSheet.of(64, 64)                     // frame height and width
 *     .row("real", real)                    // List<byte[]>, each 64 * 64 * 3 uint8
 *     .row("reconstructed", reconstructed)
 *     .row("dreamed", dreamed)
 *     .columns(16)                          // 16 time steps a band, then wrap
 *     .stride(2)                            // show t = 0, 2, 4, ...
 *     .writePng(runDir.resolve("frames.png"));
 * }</pre>
 *
 * <p>A frame is uint8 {@code [height, width, 3]}, row-major, channels last, row 0 at the top: one
 * frame of an episode's {@code frames} ({@code data.Frames#frame}) or of {@code vision.Vae#decode}.
 * Each is drawn {@link #scale(int) scale} times its size, framed by a {@value #GAP}-pixel grey
 * border shared with its neighbours. Rows may differ in length (a dream may end early); cells
 * without a frame stay grey.
 *
 * <p>Layout: the shown time steps are {@code 0, stride, 2 stride, ...} of every row. With more of
 * them than {@link #columns(int) columns}, the sheet wraps into bands: band {@code b} holds shown
 * steps {@code [b columns, (b + 1) columns)} of every row, in row order, and bands are stacked top
 * to bottom with a wider gap between them (when there is more than one row), so rows stay aligned
 * in time within a band. Row labels, if any is non-empty, are written to the left of each band's
 * rows. {@link #origin} gives where a frame's top-left pixel lands.
 *
 * <p>Immutable: each {@code with}-style method returns a new sheet.
 */
public final class FrameSheet {
  /** Pixels of grey between neighbouring frames (half of it around the outer frames). */
  public static final int GAP = 2;

  /** Extra pixels between bands of several rows. */
  public static final int BAND_GAP = 8;

  /** RGB of the border and of empty cells: light grey, visible against white backgrounds. */
  public static final int BACKGROUND = 0xc8c8c8;

  /** Largest image, in pixels, a sheet may have (about 64 MB as 32-bit pixels). */
  public static final long MAX_PIXELS = 1L << 24;

  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final int LABEL_PAD = 6;

  /**
   * One row of a sheet.
   *
   * @param label written to the left of the row ("" for none)
   * @param frames the row's frames, oldest first; not copied
   */
  public record Row(String label, List<byte[]> frames) {
    /** Checks for nulls. */
    public Row {
      Check.argument(label != null, "frame sheet: a row label is null; use \"\" for none");
      Check.argument(frames != null, "frame sheet: row '" + label + "' has no frame list");
    }
  }

  private final int height;
  private final int width;
  private final List<Row> rows;
  private final int columns;
  private final int stride;
  private final int scale;

  private FrameSheet(int height, int width, List<Row> rows, int columns, int stride, int scale) {
    this.height = height;
    this.width = width;
    this.rows = List.copyOf(rows);
    this.columns = columns;
    this.stride = stride;
    this.scale = scale;
  }

  /** An empty sheet of {@code height x width} frames: no rows, one band, stride 1, scale 1. */
  public static FrameSheet of(int height, int width) {
    Check.positive("frame height", height);
    Check.positive("frame width", width);
    return new FrameSheet(height, width, List.of(), Integer.MAX_VALUE, 1, 1);
  }

  /**
   * An episode's frames as a filmstrip: one unlabelled row, {@value #FILMSTRIP_COLUMNS} frames a
   * line, and, for episodes of more than {@value #FILMSTRIP_MAX_FRAMES} frames, every {@code k}-th
   * frame with {@code k = ceil(frames / FILMSTRIP_MAX_FRAMES)} (see {@link #filmstripStride}), so a
   * strip of 64 x 64 frames is at most 1,056 pixels square.
   */
  public static FrameSheet filmstrip(int height, int width, List<byte[]> frames) {
    return of(height, width)
        .columns(FILMSTRIP_COLUMNS)
        .stride(filmstripStride(frames.size()))
        .row("", frames);
  }

  /** Frames a line of a {@link #filmstrip}. */
  public static final int FILMSTRIP_COLUMNS = 16;

  /** Most frames a {@link #filmstrip} shows. */
  public static final int FILMSTRIP_MAX_FRAMES = 256;

  /** The stride a {@link #filmstrip} of {@code frames} frames uses: {@code ceil(frames / 256)}. */
  public static int filmstripStride(int frames) {
    return Math.max(1, (frames + FILMSTRIP_MAX_FRAMES - 1) / FILMSTRIP_MAX_FRAMES);
  }

  /** This sheet with one more row at the bottom. */
  public FrameSheet row(String label, List<byte[]> frames) {
    Row r = new Row(label, frames);
    for (int i = 0; i < frames.size(); i++) {
      FramePixels.check(frames.get(i), height, width, "row '" + label + "' frame " + i);
    }
    List<Row> more = new ArrayList<>(rows);
    more.add(r);
    return new FrameSheet(height, width, more, columns, stride, scale);
  }

  /** This sheet with one more row at the bottom: the frames of an episode (or a decoding). */
  public FrameSheet row(String label, Frames frames) {
    Check.argument(
        frames.height() == height && frames.width() == width,
        "row '"
            + label
            + "': frames of "
            + frames.height()
            + " x "
            + frames.width()
            + "; the sheet draws "
            + height
            + " x "
            + width);
    List<byte[]> list = new ArrayList<>(frames.count());
    for (int t = 0; t < frames.count(); t++) {
      list.add(frames.frame(t));
    }
    return row(label, list);
  }

  /**
   * The run report's comparison: an episode's {@value #REAL} frames, their {@value #RECONSTRUCTED}
   * frames (the VAE's decoding of their encoding) and the frames {@value #DREAMED} under the same
   * actions from the same start, as three rows, {@value #FILMSTRIP_COLUMNS} time steps a band and
   * the stride of a {@link #filmstrip} of the longest row. Any row may be empty (left out) or
   * shorter than the others (a dream that ended early).
   */
  public static FrameSheet comparison(
      int height, int width, List<byte[]> real, List<byte[]> reconstructed, List<byte[]> dreamed) {
    int longest = Math.max(real.size(), Math.max(reconstructed.size(), dreamed.size()));
    FrameSheet s = of(height, width).columns(FILMSTRIP_COLUMNS).stride(filmstripStride(longest));
    String[] labels = {REAL, RECONSTRUCTED, DREAMED};
    List<List<byte[]>> rows = List.of(real, reconstructed, dreamed);
    for (int i = 0; i < 3; i++) {
      if (!rows.get(i).isEmpty()) {
        s = s.row(labels[i], rows.get(i));
      }
    }
    return s;
  }

  /** Label of the recorded frames in a {@link #comparison}. */
  public static final String REAL = "real";

  /** Label of the VAE's reconstructions in a {@link #comparison}. */
  public static final String RECONSTRUCTED = "reconstructed";

  /** Label of the dreamed frames in a {@link #comparison}. */
  public static final String DREAMED = "dreamed";

  /** This sheet wrapping into bands of {@code n} shown time steps (default: one band). */
  public FrameSheet columns(int n) {
    Check.positive("frame sheet columns", n);
    return new FrameSheet(height, width, rows, n, stride, scale);
  }

  /** This sheet showing every {@code k}-th time step, from 0 (default 1: all). */
  public FrameSheet stride(int k) {
    Check.positive("frame sheet stride", k);
    return new FrameSheet(height, width, rows, columns, k, scale);
  }

  /** This sheet drawing each frame pixel as {@code s x s} pixels (default 1). */
  public FrameSheet scale(int s) {
    Check.inRange("frame sheet scale", s, 1, 64);
    return new FrameSheet(height, width, rows, columns, stride, s);
  }

  /** The rows, top to bottom. */
  public List<Row> rows() {
    return rows;
  }

  /** Time steps shown of the longest row: {@code ceil(frames / stride)}. */
  public int shownSteps() {
    int most = 0;
    for (Row r : rows) {
      most = Math.max(most, (r.frames().size() + stride - 1) / stride);
    }
    return most;
  }

  /** Bands the sheet wraps into. */
  public int bands() {
    int shown = shownSteps();
    return Math.max(1, (shown + columns - 1) / columns);
  }

  private int cellWidth() {
    return width * scale + GAP;
  }

  private int cellHeight() {
    return height * scale + GAP;
  }

  private int bandGap() {
    return rows.size() > 1 ? BAND_GAP : 0;
  }

  private int bandHeight() {
    return rows.size() * cellHeight() + bandGap();
  }

  /** Width of the label column: 0 when every label is empty. */
  private int labelWidth() {
    boolean any = rows.stream().anyMatch(r -> !r.label().isEmpty());
    if (!any) {
      return 0;
    }
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      FontMetrics m = g.getFontMetrics(LABEL_FONT);
      int w = 0;
      for (Row r : rows) {
        w = Math.max(w, m.stringWidth(r.label()));
      }
      return w + 2 * LABEL_PAD;
    } finally {
      g.dispose();
    }
  }

  /**
   * Where the top-left pixel of frame {@code t} of row {@code row} lands in {@link #image()}.
   *
   * @throws IllegalArgumentException if the row or frame does not exist or {@code t} is not a
   *     multiple of the stride (that frame is not shown)
   */
  public Point origin(int row, int t) {
    Check.inRange("frame sheet row", row, 0, rows.size() - 1);
    Check.inRange("frame index", t, 0, rows.get(row).frames().size() - 1);
    Check.argument(
        t % stride == 0,
        "frame " + t + " is not shown: the sheet shows every " + stride + "-th frame");
    return origin(row, t, labelWidth());
  }

  private Point origin(int row, int t, int labels) {
    int k = t / stride;
    int band = k / columns;
    int col = k % columns;
    return new Point(
        labels + col * cellWidth() + GAP / 2, band * bandHeight() + row * cellHeight() + GAP / 2);
  }

  /**
   * The composed image, RGB.
   *
   * @throws IllegalArgumentException if the sheet has no frames or would exceed {@link #MAX_PIXELS}
   */
  public BufferedImage image() {
    int shown = shownSteps();
    Check.argument(shown > 0, "frame sheet: no frames to draw");
    int labels = labelWidth();
    int cols = Math.min(columns, shown);
    int bands = bands();
    long w = labels + (long) cols * cellWidth();
    long h = (long) bands * bandHeight() - bandGap();
    Check.argument(
        w * h <= MAX_PIXELS,
        "frame sheet of "
            + w
            + " x "
            + h
            + " pixels exceeds "
            + MAX_PIXELS
            + "; show fewer frames (a larger stride) or a smaller scale");
    BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(BACKGROUND));
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      if (labels > 0) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, labels, img.getHeight());
        drawLabels(g, bands);
      }
    } finally {
      g.dispose();
    }
    for (int r = 0; r < rows.size(); r++) {
      List<byte[]> frames = rows.get(r).frames();
      for (int t = 0; t < frames.size(); t += stride) {
        Point p = origin(r, t, labels);
        FramePixels.paint(img.getRaster(), p.x, p.y, frames.get(t), height, width, scale);
      }
    }
    return img;
  }

  private void drawLabels(Graphics2D g, int bands) {
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(LABEL_FONT);
    g.setColor(Color.BLACK);
    FontMetrics m = g.getFontMetrics();
    for (int b = 0; b < bands; b++) {
      for (int r = 0; r < rows.size(); r++) {
        if ((long) b * columns * stride >= rows.get(r).frames().size()) {
          continue; // the row ended before this band
        }
        int middle = b * bandHeight() + r * cellHeight() + cellHeight() / 2;
        g.drawString(rows.get(r).label(), LABEL_PAD, middle + (m.getAscent() - m.getDescent()) / 2);
      }
    }
  }

  /** Writes {@link #image()} to {@code file} as PNG, atomically. */
  public void writePng(Path file) throws IOException {
    BufferedImage img = image();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this JVM");
          }
        });
  }
}
