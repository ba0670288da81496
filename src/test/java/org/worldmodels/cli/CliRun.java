package org.worldmodels.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Standard error's lines that are ours (TensorFlow's native logger may add its own). */
  String[] errLines() {
    return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
  }
}
