package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.AtomicFiles;

/**
 * A later round's data: {@code rounds.episodes} real episodes of the current controller, its memory
 * from the current MDN-RNN and a random action at each step with probability {@code
 * rounds.exploration}; episode i of round r keyed by {@code SeedKey.collect(seed, r, i)} and
 * written after the earlier rounds' files in {@code episodes/} ({@code spec.json} unchanged). Then
 * loads every round's episodes for the phases after it (from pixels, the encode phase does). Timed
 * as {@code collect}, like round 0's.
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
    boolean pixels = run.recipe().pixels();
    // From pixels the controller's world records V's z beside the frames, another spec than round
    // 0's frames alone: its files are collected aside, then moved after the earlier rounds' (the
    // encode phase encodes their frames like round 0's).
    Path into = pixels ? run.out().resolve(".collect-round-" + run.round()) : run.episodesDir();
    if (pixels && Files.exists(into)) {
      AtomicFiles.deleteTree(into); // a killed run's partial collection
    }
    ControllerCollect.append(
        new ControllerCollect.Request(
            run.modelDir(),
            // The previous round's kept copy: controller.json is gone once a resumed run has
            // restored that round (a later round would replace it).
            run.roundDir(run.round() - 1).resolve("controller.json"),
            run.recipe().env(),
            rounds.episodes(),
            run.seed(),
            run.round(),
            rounds.exploration()),
        into,
        first,
        run.progress());
    if (pixels) {
      for (int i = first; i < first + rounds.episodes(); i++) {
        String name = EpisodeStore.fileName(i);
        AtomicFiles.moveAtomically(into.resolve(name), run.episodesDir().resolve(name));
      }
      AtomicFiles.deleteTree(into);
    } else { // a pixel run's encode phase reloads its latents
      run.setData(EpisodeStore.load(run.episodesDir()));
    }
    run.setCollected(
        rounds.episodes(),
        EpisodeReturns.mean(run.episodesDir(), first, first + rounds.episodes()));
  }
}
