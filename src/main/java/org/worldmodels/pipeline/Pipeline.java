package org.worldmodels.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerKind;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.ModelReference;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.control.ReturnStatistics;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.dream.Backend;
import org.worldmodels.dream.DreamEnv;
import org.worldmodels.dream.DreamOptions;
import org.worldmodels.dream.InitialLatents;
import org.worldmodels.env.Collector;
import org.worldmodels.env.Env;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.Policy;
import org.worldmodels.env.StickyRandomPolicy;
import org.worldmodels.rnn.MdnRnnConfig;
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
 * environment. Real scoring uses seeds the collected data never saw ({@link #PLAY_SEED_OFFSET}).
 */
public final class Pipeline {
  /** Real episodes of {@code play} are reset with {@code seed + PLAY_SEED_OFFSET + i}. */
  public static final long PLAY_SEED_OFFSET = 1_000_000_000L;

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
    try (Env env = Envs.make(recipe.env())) {
      Policy random =
          new StickyRandomPolicy(env.actionSpace(), recipe.collect().repeatProbability(), seed);
      new Collector(env, random, IdentityEncoder.INSTANCE)
          .write(episodes, recipe.collect().episodes(), seed, progress);
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
    DreamControlTraining.Result control;
    InitialLatents starts = InitialLatents.from(data);
    int maxSteps = data.spec().maxEpisodeSteps();
    try (WorldModel m = WorldModel.load(modelDir)) {
      ControllerKind kind = ControllerKind.parse(rc.controller());
      ControllerSpec spec =
          ControllerSpec.forModel(
              kind, model, data.spec().action(), kind == ControllerKind.MLP ? rc.hiddenUnits() : 0);
      control =
          DreamControlTraining.train(
              spec,
              m::dreamEnv,
              DreamControlTraining.dreamOptions(
                  m, rc.temperature(), rc.doneThreshold(), rc.haltMargin(), seed),
              starts,
              model.rewardHead(),
              new DreamControlTraining.Settings(
                  rc.population(),
                  rc.generations(),
                  rc.rollouts(),
                  maxSteps,
                  rc.initialSigma(),
                  seed),
              progress);
      ControllerFile.of(control.controller(), ModelReference.of(modelDir))
          .write(out.resolve("controller.json"));
    }
    seconds.put("control", since(t));

    t = System.nanoTime();
    double[] returns;
    try (WorldModel m = WorldModel.load(modelDir);
        Env env = Envs.make(recipe.env())) {
      returns =
          RealEvaluation.returns(
              env,
              IdentityEncoder.INSTANCE,
              m.cell(),
              control.controller(),
              recipe.play().episodes(),
              seed + PLAY_SEED_OFFSET,
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
      DreamControlTraining.Result control,
      double[] returns,
      long seed)
      throws IOException {
    Files.copy(
        modelDir.resolve("loss.png"),
        plots.resolve("training.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<DreamControlTraining.Generation> h = control.history();
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
    float[][] dreamed = new float[real.length() + 1][];
    dreamed[0] = real.z()[0];
    try (WorldModel m = WorldModel.load(modelDir);
        DreamEnv d = m.dreamEnv(DreamOptions.builder().seed(seed).backend(Backend.JAVA).build())) {
      d.reset(new float[][] {dreamed[0]});
      for (int t = 0; t < real.length(); t++) {
        dreamed[t + 1] =
            d.step(new float[][] {dreamed[t]}, new float[][] {real.action()[t]}).z()[0];
      }
    }
    org.worldmodels.report.RunPlots.realVsDream(
        plots.resolve("real-vs-dream.png"),
        real.z(),
        dreamed,
        DimensionNames.of(data.spec().env()));
  }
}
