package org.worldmodels.cli;

import picocli.CommandLine.Command;

/** {@code mdn}: the standalone mixture density network. */
@Command(
    name = "mdn",
    description = "Standalone mixture density network p(target | input) on CSV columns.",
    subcommands = {
      MdnFitCommand.class,
      MdnEvalCommand.class,
      MdnPredictCommand.class,
      MdnDemoCommand.class
    })
final class MdnCommand {}
