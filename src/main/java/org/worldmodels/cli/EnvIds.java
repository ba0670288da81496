package org.worldmodels.cli;

import java.util.Iterator;
import org.worldmodels.env.Envs;

/**
 * The registered environment ids, as picocli's completion candidates, so that {@code --env} help
 * texts ({@code ${COMPLETION-CANDIDATES}}) list what {@link Envs} knows.
 */
final class EnvIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Envs.ids().iterator();
  }
}
