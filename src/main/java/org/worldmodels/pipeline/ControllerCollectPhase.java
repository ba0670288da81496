package org.worldmodels.pipeline;

import java.io.IOException;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.data.EpisodeStore;

/**
 * A later round's data: {@code rounds.episodes} real episodes of the current controller, its memory
 * from the current MDN-RNN and a random action at each step with probability {@code
 * rounds.exploration}; episode i of round r keyed by {@code SeedKey.collect(seed, r, i)} and
 * written after the earlier rounds' files in {@code episodes/} ({@code spec.json} unchanged). Then
 * loads every round's episodes for the phases after it. Timed as {@code collect}, like round 0's.
 */
final class ControllerCollectPhase implements CollectingPhase {
  @Override
  public String name() {
    return "collect";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Recipe.Rounds rounds = run.recipe().roundsOrOne();
    int first = run.data().size();
    ControllerCollect.append(
        new ControllerCollect.Request(
            run.modelDir(),
            run.controllerFile(),
            run.recipe().env(),
            rounds.episodes(),
            run.seed(),
            run.round(),
            rounds.exploration()),
        run.episodesDir(),
        first,
        run.progress());
    run.setData(EpisodeStore.load(run.episodesDir()));
    run.setCollected(rounds.episodes(), Pipeline.meanReturn(run.data(), first));
  }
}
