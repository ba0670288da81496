package org.worldmodels.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code worldmodels} command line. Results go to standard output as one line of JSON; progress
 * and logs to standard error. Exit 0 on success; 2 with one {@code error: } line for bad usage or
 * input (an {@link IllegalArgumentException} from the library); 1 with one {@code error: } line for
 * anything else. {@code --verbose} adds the stack trace.
 */
@Command(
    name = "worldmodels",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "World Models' memory model: an LSTM with a mixture density head, and dreams.",
    subcommands = {
      MdnCommand.class,
      CollectCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      DreamCommand.class,
      ControlCommand.class,
      PlayCommand.class,
      RunCommand.class,
      BenchCommand.class,
      VaeCommand.class
    })
public final class Main {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("error: " + oneLine(ex.getMessage()));
          ex.getCommandLine().getErr().flush();
          return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          Throwable cause = unwrap(ex);
          if (parsed.hasMatchedOption("--verbose")) {
            cause.printStackTrace(cmd.getErr());
          }
          cmd.getErr().println("error: " + oneLine(describe(cause)));
          cmd.getErr().flush();
          return cause instanceof IllegalArgumentException ? 2 : 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static Throwable unwrap(Throwable ex) {
    Throwable t = ex;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      return m;
    }
    return t.getClass().getSimpleName() + ": " + m;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
