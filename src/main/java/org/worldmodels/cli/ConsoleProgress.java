package org.worldmodels.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.worldmodels.util.Progress;

/**
 * Progress as a bar with rate and ETA on standard error. On a terminal it redraws in place; when
 * standard error is a file or {@code CI} is set it prints a plain line every 30 seconds instead, so
 * logs stay short.
 */
final class ConsoleProgress implements Progress {
  private final boolean quiet;
  private ProgressBar bar;

  ConsoleProgress(boolean quiet) {
    this.quiet = quiet;
  }

  @Override
  public void start(String task, long total) {
    finish();
    if (quiet) {
      return;
    }
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .showSpeed()
            .continuousUpdate();
    if (System.console() == null || System.getenv("CI") != null) {
      // The delegating consumer repeats the final state; print each distinct line once.
      String[] last = {null};
      b.setUpdateIntervalMillis(30_000)
          .setConsumer(
              new DelegatingProgressBarConsumer(
                  line -> {
                    if (!line.equals(last[0])) {
                      System.err.println(line);
                      last[0] = line;
                    }
                  }));
    } else {
      b.setUpdateIntervalMillis(250);
    }
    bar = b.build();
  }

  @Override
  public void update(long done, String extra) {
    if (bar != null) {
      bar.stepTo(done);
      if (extra != null && !extra.isEmpty()) {
        bar.setExtraMessage(" " + extra);
      }
    }
  }

  @Override
  public void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
