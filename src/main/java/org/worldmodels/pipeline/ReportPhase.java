package org.worldmodels.pipeline;

import java.io.IOException;
import java.util.List;
import org.worldmodels.WorldModel;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.env.Envs;
import org.worldmodels.report.RunPlots;
import org.worldmodels.rollout.DreamWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.ReplayPolicy;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.rollout.TrajectoryRecorder;
import org.worldmodels.util.Progress;

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
    Episode real = longest(data);
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
        Envs.lookup(data.spec().env())
            .map(e -> e.observationNames().toArray(String[]::new))
            .orElse(null));
    run.report()
        .add(
            "Real and dreamed trajectories under the same actions",
            "The longest recorded episode, and the dream started from its first state and fed the"
                + " same actions (temperature 1, its own samples fed back).\n\n"
                + "![real vs dream](plots/real-vs-dream.png)\n");
  }

  private static Episode longest(Dataset data) {
    int longest = 0;
    for (int i = 1; i < data.size(); i++) {
      if (data.episode(i).length() > data.episode(longest).length()) {
        longest = i;
      }
    }
    return data.episode(longest);
  }
}
