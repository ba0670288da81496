package org.worldmodels.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.Frames;
import org.worldmodels.data.Split;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.env.Envs;
import org.worldmodels.report.FrameSheet;
import org.worldmodels.report.RunPlots;
import org.worldmodels.rollout.DreamWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.ReplayPolicy;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.rollout.TrajectoryRecorder;
import org.worldmodels.train.MeanPredictor;
import org.worldmodels.train.OpenLoop;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.util.Progress;
import org.worldmodels.vision.Vae;

/**
 * The real-versus-dream plot: the longest recorded episode, and the dream started from its first
 * latent and fed the same actions (temperature 1, its own samples fed back), on the Java backend so
 * that it is the same on every machine's batch size.
 */
final class ReportPhase implements RunPhase {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Dataset data = run.data();
    int longest = longest(data);
    Episode real = data.episode(longest);
    // Row id 0 from the real start, ended only by the recorded actions running out.
    TrajectoryRecorder dreamed = new TrajectoryRecorder();
    try (WorldModel m = WorldModel.load(run.modelDir());
        DreamWorld d =
            new DreamWorld(
                m.dreamEnv(DreamOptions.builder().seed(run.seed()).backend(Backend.JAVA).build()),
                data.spec().action(),
                id -> real.z()[0],
                false)) {
      Rollouts.run(
          d,
          new ReplayPolicy(List.<float[][]>of(real.action())),
          new EpisodePlan("replay", 1, i -> 0, real.length()),
          dreamed,
          Progress.NONE);
    }
    RunPlots.realVsDream(
        run.plotsDir().resolve("real-vs-dream.png"),
        real.z(),
        dreamed.trajectory(0),
        // Named dimensions only where the latent is the observation itself.
        run.recipe().pixels()
            ? null
            : Envs.lookup(data.spec().env())
                .map(e -> e.observationNames().toArray(String[]::new))
                .orElse(null));
    if (run.recipe().pixels()) {
      frames(run, longest, real, dreamed.trajectory(0));
    }
    openLoop(run, data);
    run.report()
        .add(
            "Real and dreamed trajectories under the same actions",
            "The longest recorded episode, and the dream started from its first state and fed the"
                + " same actions (temperature 1, its own samples fed back).\n\n"
                + "![real vs dream](plots/real-vs-dream.png)\n");
  }

  /** Horizon of the report's open-loop error plot: far enough to see a dream drift. */
  static final int OPEN_LOOP_HORIZON = 50;

  /** Held-out episodes the open-loop error is measured on, at most. */
  static final int OPEN_LOOP_EPISODES = 100;

  private static void openLoop(RunContext run, Dataset data) throws IOException {
    // The episodes training held out (the trainer's own split of the same seed and fraction).
    int[] held =
        Split.of(data.size(), TrainConfig.VALIDATION_FRACTION_DEFAULT, run.seed()).validation();
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < held.length && episodes.size() < OPEN_LOOP_EPISODES; i++) {
      episodes.add(data.episode(held[i]));
    }
    if (episodes.isEmpty()) {
      return;
    }
    OpenLoop.Errors errors;
    try (WorldModel m = WorldModel.load(run.modelDir())) {
      errors =
          OpenLoop.of(
              MeanPredictor.of(m.cell()),
              episodes,
              new OpenLoop.Settings(OPEN_LOOP_HORIZON, OpenLoop.CONTEXT_DEFAULT));
    }
    double[] rmse = errors.rmse();
    boolean any = false;
    for (double v : rmse) {
      any |= !Double.isNaN(v);
    }
    if (!any) {
      return;
    }
    RunPlots.openLoop(run.plotsDir().resolve("open-loop.png"), rmse);
    run.putSummary("open_loop_rmse", rmse);
    run.report()
        .add(
            "How far the dream can be trusted",
            "Root-mean-square error of the model's open-loop prediction (its untempered mixture"
                + " mean fed back, the recorded actions applied) against the recorded latents, k"
                + " steps after a start, pooled over dimensions and starts of "
                + episodes.size()
                + " held-out episodes (`eval --horizon "
                + OPEN_LOOP_HORIZON
                + "`).\n\n![open loop](plots/open-loop.png)\n");
  }

  /** Index of the longest episode (the first of equals). */
  private static int longest(Dataset data) {
    int longest = 0;
    for (int i = 1; i < data.size(); i++) {
      if (data.episode(i).length() > data.episode(longest).length()) {
        longest = i;
      }
    }
    return longest;
  }

  /**
   * From pixels: the episode's recorded frames, V's reconstructions of them (decoded from their
   * encoding) and the dream's frames (decoded from its latents) under the same actions.
   */
  private static void frames(RunContext run, int index, Episode real, float[][] dreamed)
      throws IOException {
    Frames recorded =
        EpisodeStore.read(run.episodesDir().resolve(EpisodeStore.fileName(index))).frames();
    List<byte[]> realFrames = new ArrayList<>();
    for (int t = 0; t < recorded.count(); t++) {
      realFrames.add(recorded.frame(t));
    }
    try (Vae vae = Vae.load(run.vaeDir())) {
      FrameSheet.comparison(
              recorded.height(),
              recorded.width(),
              realFrames,
              List.of(vae.decode(real.z())),
              List.of(vae.decode(dreamed)))
          .writePng(run.plotsDir().resolve("frames.png"));
    }
    run.report()
        .add(
            "Real, reconstructed and dreamed frames",
            "The same episode: its recorded frames, V's reconstruction of each (decoded from the"
                + " encoder's mean), and the dream's frames under the same actions from the same"
                + " first latent (decoded from the dreamed z).\n\n"
                + "![frames](plots/frames.png)\n");
  }
}
