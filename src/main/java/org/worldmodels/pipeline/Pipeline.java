package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.WorldModel;
import org.worldmodels.control.CmaesSearch;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Encoders;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.DreamWorld;
import org.worldmodels.rollout.EpisodePlan;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.ReplayPolicy;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.rollout.StickyRandomPolicy;
import org.worldmodels.rollout.TrajectoryRecorder;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;

/**
 * The whole World Models loop for one environment: collect random rollouts, train the MDN-RNN,
 * train a controller in the dream only, score it in the real environment, and write a report.
 *
 * <p>Output: {@code episodes/}, {@code model/}, {@code controller.json}, {@code summary.json},
 * {@code report.md} and {@code plots/*.png}. Only {@code collect} and {@code play} touch the real
 * environment. Real scoring uses seeds the collected data never saw: collect and play episodes are
 * keyed by different phases of {@link org.worldmodels.util.SeedKey}.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Runs the recipe into the new directory {@code out}. */
  public static Summary run(Recipe recipe, Path out, long seed, Progress progress)
      throws IOException {
    long start = System.nanoTime();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Files.createDirectories(out);
    Path episodes = out.resolve("episodes");
    Path modelDir = out.resolve("model");
    Path plots = Files.createDirectories(out.resolve("plots"));

    long t = System.nanoTime();
    try (RealWorld world =
        RealWorld.open(() -> Envs.make(recipe.env()), 1, IdentityEncoder.INSTANCE)) {
      Policy random =
          new StickyRandomPolicy(world.actionSpace(), recipe.collect().repeatProbability());
      Collect.write(world, random, episodes, recipe.collect().episodes(), seed, 0, progress);
    }
    seconds.put("collect", since(t));

    t = System.nanoTime();
    Dataset data = EpisodeStore.load(episodes);
    Recipe.Train tr = recipe.train();
    MdnRnnConfig model =
        new MdnRnnConfig(
            data.zSize(),
            data.actionSize(),
            tr.hidden(),
            tr.mixtures(),
            MdnRnnConfig.FAMILY_DEFAULT,
            MdnRnnConfig.SIGMA_DEFAULT,
            data.hasNonZeroReward(),
            data.hasTerminated(),
            MdnRnnConfig.DONE_POSITIVE_WEIGHT_DEFAULT);
    TrainConfig train =
        new TrainConfig(
            tr.seqLen(),
            tr.batch(),
            tr.steps(),
            tr.lr(),
            tr.lrDecay(),
            TrainConfig.CLIP_KIND_DEFAULT,
            TrainConfig.CLIP_DEFAULT,
            seed,
            TrainConfig.CHECKPOINT_EVERY_DEFAULT,
            TrainConfig.VALIDATION_FRACTION_DEFAULT);
    Trainer.train(data, model, train, modelDir, false, Trainer.OnNonFinite.STOP, progress);
    seconds.put("train", since(t));

    t = System.nanoTime();
    Recipe.Control rc = recipe.control();
    CmaesSearch.Result control =
        DreamControlTraining.run(
            ControlRequest.builder(modelDir, episodes, out.resolve("controller.json"))
                .controller(rc.controller())
                .hiddenUnits(rc.hiddenUnits())
                .population(rc.population())
                .generations(rc.generations())
                .rollouts(rc.rollouts())
                .temperature(rc.temperature())
                .doneThreshold(rc.doneThreshold())
                .haltMargin(rc.haltMargin())
                .initialSigma(rc.initialSigma())
                .context(rc.context())
                .seed(seed)
                .build(),
            progress);
    seconds.put("control", since(t));

    t = System.nanoTime();
    double[] returns;
    try (WorldModel m = WorldModel.load(modelDir);
        Env env = Envs.make(recipe.env());
        Encoder encoder = Encoders.open(m.spec(), modelDir)) {
      returns =
          RealEvaluation.returns(
              env,
              encoder,
              m.cell(),
              control.controller(),
              recipe.play().episodes(),
              seed,
              progress);
    }
    seconds.put("play", since(t));

    t = System.nanoTime();
    ReturnStatistics stats = ReturnStatistics.of(returns);
    writePlots(plots, modelDir, data, control, returns, seed);
    seconds.put("report", since(t));
    double total = since(start);
    Summary summary =
        new Summary(
            recipe.env(),
            seed,
            stats.mean(),
            stats.std(),
            stats.episodes(),
            control.dreamMeanReturn(),
            seconds,
            total);
    Json.write(out.resolve("summary.json"), summary);
    RunReport.write(out.resolve("report.md"), recipe, summary);
    return summary;
  }

  private static double since(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  private static void writePlots(
      Path plots,
      Path modelDir,
      Dataset data,
      CmaesSearch.Result control,
      double[] returns,
      long seed)
      throws IOException {
    Files.copy(
        modelDir.resolve("loss.png"),
        plots.resolve("training.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<CmaesSearch.Generation> h = control.history();
    double[] best = new double[h.size()];
    double[] mean = new double[h.size()];
    for (int i = 0; i < h.size(); i++) {
      best[i] = h.get(i).bestReturn();
      mean[i] = h.get(i).meanReturn();
    }
    org.worldmodels.report.RunPlots.cmaes(plots.resolve("cmaes.png"), best, mean);
    org.worldmodels.report.RunPlots.returns(plots.resolve("real-returns.png"), returns, 20);
    // The longest recorded episode, replayed in the dream under the same actions.
    int longest = 0;
    for (int i = 1; i < data.size(); i++) {
      if (data.episode(i).length() > data.episode(longest).length()) {
        longest = i;
      }
    }
    Episode real = data.episode(longest);
    // Row id 0 from the real start, ended only by the recorded actions running out.
    TrajectoryRecorder dreamed = new TrajectoryRecorder();
    try (WorldModel m = WorldModel.load(modelDir);
        DreamWorld d =
            new DreamWorld(
                m.dreamEnv(DreamOptions.builder().seed(seed).backend(Backend.JAVA).build()),
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
    org.worldmodels.report.RunPlots.realVsDream(
        plots.resolve("real-vs-dream.png"),
        real.z(),
        dreamed.trajectory(0),
        Envs.lookup(data.spec().env())
            .map(d -> d.observationNames().toArray(String[]::new))
            .orElse(null));
  }
}
