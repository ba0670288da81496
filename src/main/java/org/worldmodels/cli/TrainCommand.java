package org.worldmodels.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.mdn.ComponentFamily;
import org.worldmodels.mdn.ScaleActivation;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.train.TrainConfig;
import org.worldmodels.train.Trainer;
import org.worldmodels.util.Json;
import org.worldmodels.util.OutputDir;
import org.worldmodels.vision.ModelVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: fits an MDN-RNN to a directory of episodes. Settings come from the flags, then
 * {@code --config FILE.json} (keys are the flag names with {@code _}), then the defaults.
 */
@Command(name = "train", description = "Train the MDN-RNN on recorded episodes.")
final class TrainCommand implements Callable<Integer> {
  /** Flags that are about this invocation, not settings: a --config file may not hold them. */
  private static final Set<String> NOT_SETTINGS =
      Set.of("--data", "--out", "--config", "--resume", "--quiet", "--on-non-finite");

  @Spec CommandSpec spec;

  /** Where each setting came from, for messages: a flag, or a key of the config file. */
  private final Map<String, String> sources = new LinkedHashMap<>();

  @Option(names = "--data", required = true, description = "Directory of episode .npz files.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "Model directory (new, or existing with --resume).")
  Path out;

  @Option(names = "--hidden", description = "LSTM units (default 256).")
  Integer hidden;

  @Option(names = "--mixtures", description = "Components per latent dimension (default 5).")
  Integer mixtures;

  @Option(names = "--seq-len", description = "Window length (default 100).")
  Integer seqLen;

  @Option(
      names = "--burn-in",
      description =
          "Feed up to this many earlier transitions before each window, unscored (default 0).")
  Integer burnIn;

  @Option(names = "--batch", description = "Windows per step (default 100).")
  Integer batch;

  @Option(
      names = "--steps",
      description = "Total optimizer updates, also under --resume (default 4000).")
  Integer steps;

  @Option(names = "--lr", description = "Adam learning rate (default 1e-3).")
  Double lr;

  @Option(
      names = "--lr-decay",
      description = "Multiply the learning rate by this at 50%% and 75%% of the steps (default 1).")
  Double lrDecay;

  @Option(names = "--seed", description = "Seed of weights, split and batches (default 0).")
  Long seed;

  @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default 500).")
  Integer checkpointEvery;

  @Option(names = "--family", description = "gaussian or laplace (default gaussian).")
  String family;

  @Option(names = "--sigma", description = "Scale activation exp or elu (default exp).")
  String sigma;

  @Option(names = "--clip", description = "Gradient clipping: norm, value or none (default norm).")
  String clip;

  @Option(names = "--clip-threshold", description = "Clipping bound (default 1.0).")
  Double clipThreshold;

  @Option(
      names = "--reward-head",
      arity = "1",
      description =
          "Predict rewards: true or false (default: whether the data has non-zero rewards).")
  Boolean rewardHead;

  @Option(
      names = "--done-head",
      arity = "1",
      description = "Predict termination: true or false (default: whether any step terminated).")
  Boolean doneHead;

  @Option(
      names = "--done-positive-weight",
      description = "Weight of terminal steps in the done loss (default 10).")
  Double donePositiveWeight;

  @Option(
      names = "--validation-fraction",
      description = "Share of episodes held out (default 0.1).")
  Double validationFraction;

  @Option(
      names = "--on-non-finite",
      description = "stop (default) or skip a batch whose loss or gradient is not finite.")
  String onNonFinite = "stop";

  @Option(names = "--config", description = "JSON file of settings; flags override it.")
  Path config;

  @Option(
      names = "--resume",
      description = "Continue from the model directory's latest checkpoint.")
  boolean resume;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    JsonNode file = config == null ? Json.objectNode() : readConfig(config, configKeys(spec));
    Trainer.OnNonFinite policy =
        switch (onNonFinite) {
          case "stop" -> Trainer.OnNonFinite.STOP;
          case "skip" -> Trainer.OnNonFinite.SKIP;
          default ->
              throw new IllegalArgumentException(
                  "--on-non-finite must be stop or skip, got '" + onNonFinite + "'");
        };
    TrainConfig d = TrainConfig.defaults();
    TrainConfig train =
        named(
            () ->
                new TrainConfig(
                    pick(seqLen, file, "seq_len", d.seqLen()),
                    pick(batch, file, "batch", d.batch()),
                    pick(steps, file, "steps", d.steps()),
                    pick(lr, file, "lr", d.learningRate()),
                    pick(lrDecay, file, "lr_decay", d.lrDecay()),
                    Clip.Kind.parse(pick(clip, file, "clip", d.clip().id())),
                    pick(clipThreshold, file, "clip_threshold", d.clipThreshold()),
                    pick(seed, file, "seed", d.seed()),
                    pick(checkpointEvery, file, "checkpoint_every", d.checkpointEvery()),
                    pick(validationFraction, file, "validation_fraction", d.validationFraction()),
                    pick(burnIn, file, "burn_in", d.burnIn())));
    // The model's own settings, checked before any data is read (sizes from the data come later).
    String familyId = pick(family, file, "family", MdnRnnConfig.FAMILY_DEFAULT.name());
    String sigmaId = pick(sigma, file, "sigma", MdnRnnConfig.SIGMA_DEFAULT.id);
    ComponentFamily componentFamily = named(() -> ComponentFamily.parse(familyId));
    ScaleActivation scaleActivation = named(() -> ScaleActivation.parse(sigmaId));
    int hiddenUnits = pick(hidden, file, "hidden", MdnRnnConfig.HIDDEN_DEFAULT);
    int components = pick(mixtures, file, "mixtures", MdnRnnConfig.MIXTURES_DEFAULT);
    double positiveWeight =
        pick(
            donePositiveWeight,
            file,
            "done_positive_weight",
            MdnRnnConfig.DONE_POSITIVE_WEIGHT_DEFAULT);
    named(
        () ->
            new MdnRnnConfig(
                1,
                0,
                hiddenUnits,
                components,
                componentFamily,
                scaleActivation,
                false,
                false,
                positiveWeight));
    if (!resume) {
      OutputDir.requireFresh(out);
    } else if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + ": exists and is not a directory");
    }
    Dataset dataset = Cli.io("--data " + data, () -> EpisodeStore.load(data));
    MdnRnnConfig model =
        new MdnRnnConfig(
            dataset.zSize(),
            dataset.actionSize(),
            hiddenUnits,
            components,
            componentFamily,
            scaleActivation,
            pick(rewardHead, file, "reward_head", dataset.hasNonZeroReward()),
            pick(doneHead, file, "done_head", dataset.hasTerminated()),
            positiveWeight);
    if (resume && Checkpoints.exists(out)) {
      // Fails on a corrupt checkpoint before any work starts.
      Checkpoints.metadata(out);
    }
    // Encoded frames: the model keeps its own copy of the VAE (checked against the spec first).
    ModelVae.checkAdoptable(data, dataset.spec());
    ModelVae.adopt(data, dataset.spec(), out);
    Trainer.Result r =
        Trainer.train(dataset, model, train, out, resume, policy, new ConsoleProgress(quiet));
    Cli.printJson(
        spec,
        "train_nll_per_dim",
        r.trainNllPerDim(),
        "val_nll_per_dim",
        r.valNllPerDim(),
        "steps",
        r.steps());
    return 0;
  }

  /**
   * Keys a --config file may hold: every setting flag, {@code --lr-decay} as {@code lr_decay}. Read
   * from the command's own options, so that a new flag cannot be forgotten here.
   */
  static Set<String> configKeys(CommandSpec spec) {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      // Inherited options (--verbose, --help) belong to the whole command line.
      if (name.startsWith("--")
          && !NOT_SETTINGS.contains(name)
          && !o.inherited()
          && !o.usageHelp()
          && !o.versionHelp()) {
        keys.add(name.substring(2).replace('-', '_'));
      }
    }
    return keys;
  }

  private static JsonNode readConfig(Path file, Set<String> accepted) {
    JsonNode n = Json.readTree(file);
    if (!n.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object of settings");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!accepted.contains(k)) {
        throw new IllegalArgumentException(
            file + ": unknown key '" + k + "'; accepted keys: " + accepted);
      }
    }
    return n;
  }

  /** Builds a config; a refusal names the flag or the config file's key of the bad value. */
  private <T> T named(Supplier<T> build) {
    return Cli.named(sources, build);
  }

  @SuppressWarnings("unchecked")
  private <T> T pick(T flag, JsonNode file, String key, T fallback) {
    if (flag != null) {
      sources.put(key, "--" + key.replace('_', '-'));
      return flag;
    }
    JsonNode v = file.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    String where = (config == null ? "config" : config.toString()) + ": key '" + key + "'";
    sources.put(key, where);
    if (fallback instanceof Integer) {
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw new IllegalArgumentException(where + " must be an integer, got " + v);
      }
      return (T) Integer.valueOf(v.intValue());
    }
    if (fallback instanceof Long) {
      if (!v.isIntegralNumber()) {
        throw new IllegalArgumentException(where + " must be an integer, got " + v);
      }
      return (T) Long.valueOf(v.longValue());
    }
    if (fallback instanceof Double) {
      if (!v.isNumber()) {
        throw new IllegalArgumentException(where + " must be a number, got " + v);
      }
      return (T) Double.valueOf(v.doubleValue());
    }
    if (fallback instanceof Boolean) {
      if (!v.isBoolean()) {
        throw new IllegalArgumentException(where + " must be true or false, got " + v);
      }
      return (T) Boolean.valueOf(v.booleanValue());
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + " must be a string, got " + v);
    }
    return (T) v.textValue();
  }
}
