package org.worldmodels.cli;

import org.worldmodels.util.Version;
import picocli.CommandLine.IVersionProvider;

/** Prints the library version for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"worldmodels " + Version.get()};
  }
}
