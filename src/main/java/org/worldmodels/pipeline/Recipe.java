package org.worldmodels.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.nio.file.Path;
import org.worldmodels.control.ControllerKind;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.env.Envs;
import org.worldmodels.env.PixelEnv;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;
import org.worldmodels.vision.ReconLoss;
import org.worldmodels.vision.VaeConfig;
import org.worldmodels.vision.VaeTrainConfig;

/**
 * An environment's recipe ({@code envs/NAME/config.json}): how much data to collect, the model and
 * its training, CMA-ES in the dream, and how many real episodes score the result. Unknown keys are
 * refused.
 *
 * @param env environment id ({@code cartpole}, {@code pendulum})
 * @param collect data collection
 * @param train model and training
 * @param control the controller and CMA-ES
 * @param play real-environment scoring
 * @param rounds World Models' iterative training; null (the key absent) for one round
 * @param vae the vision model of a pixel environment; null (the key absent) for its defaults
 */
public record Recipe(
    @JsonProperty("env") String env,
    @JsonProperty("collect") Collect collect,
    @JsonProperty("train") Train train,
    @JsonProperty("control") Control control,
    @JsonProperty("play") Play play,
    @JsonProperty("rounds") @JsonInclude(JsonInclude.Include.NON_NULL) Rounds rounds,
    @JsonProperty("vae") @JsonInclude(JsonInclude.Include.NON_NULL) Vae vae) {

  public Recipe {
    Check.argument(
        env != null && Envs.IDS.contains(env),
        "env must be one of " + Envs.IDS + ", got '" + env + "'");
    Check.argument(collect != null, "missing key 'collect'");
    Check.argument(train != null, "missing key 'train'");
    Check.argument(control != null, "missing key 'control'");
    Check.argument(play != null, "missing key 'play'");
    Check.argument(
        vae == null || Envs.isPixels(env),
        "key 'vae' is for pixel environments; env '" + env + "' observes a state vector");
    Check.argument(
        !Envs.isPixels(env) || collect.frames() == VaeConfig.FRAME_SIZE_DEFAULT,
        "collect.frame_size "
            + collect.frames()
            + ": the ConvVAE's layers take "
            + VaeConfig.FRAME_SIZE_DEFAULT
            + " x "
            + VaeConfig.FRAME_SIZE_DEFAULT
            + " frames");
  }

  /** Whether the environment is observed as frames: the run trains V and encodes them. */
  boolean pixels() {
    return Envs.isPixels(env);
  }

  /** The vision model's settings: {@link #vae()}, or every default without the key. */
  Vae vaeOrDefaults() {
    return vae != null ? vae : Vae.DEFAULTS;
  }

  /**
   * @param episodes random-policy episodes to record
   * @param repeatProbability probability that the random policy repeats its last action (0:
   *     uniform, independent actions; see {@link org.worldmodels.rollout.StickyRandomPolicy})
   * @param frameSize side N of the frames of a pixel environment, 8 to 512; null (the key absent)
   *     for the default {@value org.worldmodels.env.PixelEnv#DEFAULT_FRAME_SIZE} (see {@link
   *     #frames()})
   */
  public record Collect(
      @JsonProperty("episodes") int episodes,
      @JsonProperty("repeat_probability") double repeatProbability,
      // Left out when absent, so the recipe a report prints reads as before for recipes without it.
      @JsonProperty("frame_size") @JsonInclude(JsonInclude.Include.NON_NULL) Integer frameSize) {
    public Collect {
      Check.inRange("collect.episodes", episodes, 2, 1_000_000);
      Check.inRange("collect.repeat_probability", repeatProbability, 0, 0.99);
      if (frameSize != null) {
        Check.inRange(
            "collect.frame_size", frameSize, PixelEnv.MIN_FRAME_SIZE, PixelEnv.MAX_FRAME_SIZE);
      }
    }

    /** Collection with the default frame size. */
    public Collect(int episodes, double repeatProbability) {
      this(episodes, repeatProbability, null);
    }

    /** Side N of a pixel environment's frames: {@code frame_size}, or 64 when absent. */
    public int frames() {
      return frameSize == null ? PixelEnv.DEFAULT_FRAME_SIZE : frameSize;
    }
  }

  /**
   * @param hidden LSTM units
   * @param mixtures components per latent dimension
   * @param seqLen window length
   * @param batch windows per step
   * @param steps optimizer updates
   * @param lr learning rate
   * @param lrDecay multiply the learning rate by this at 50% and 75% of the steps (absent: 1)
   * @param burnIn earlier transitions fed unscored before each training window (see {@link
   *     org.worldmodels.train.TrainConfig#burnIn()}); absent for 0
   */
  public record Train(
      @JsonProperty("hidden") int hidden,
      @JsonProperty("mixtures") int mixtures,
      @JsonProperty("seq_len") int seqLen,
      @JsonProperty("batch") int batch,
      @JsonProperty("steps") int steps,
      @JsonProperty("lr") double lr,
      @JsonProperty("lr_decay") Double lrDecay,
      // Omitted when 0, so the recipe a report prints reads as before for recipes without it.
      @JsonProperty("burn_in") @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer burnIn) {
    public Train {
      if (lrDecay == null) {
        lrDecay = 1.0;
      }
      Check.inRange("train.lr_decay", lrDecay, Double.MIN_VALUE, 1);
      burnIn = burnIn == null ? 0 : burnIn;
      Check.inRange("train.burn_in", burnIn, 0, 10_000);
    }
  }

  /**
   * @param controller {@code linear} or {@code mlp}
   * @param hiddenUnits hidden units of an mlp controller
   * @param population CMA-ES population
   * @param generations CMA-ES generations
   * @param rollouts dreamed episodes per candidate
   * @param temperature dream temperature (World Models: above 1 guards against exploiting model
   *     errors)
   * @param doneThreshold end a dreamed episode when P(done) exceeds it; null to sample done
   * @param haltMargin end a dreamed episode when a latent leaves the training data's range widened
   *     by this fraction of its width on each side; null never (see {@link
   *     org.worldmodels.dream.DreamOptions#haltOutside()})
   * @param initialSigma CMA-ES initial step size
   * @param context recorded steps each dream is conditioned on before it starts (see {@link
   *     org.worldmodels.control.ControlRequest#context()}); absent for 0
   */
  public record Control(
      @JsonProperty("controller") @JsonDeserialize(using = KindFromJson.class)
          ControllerKind controller,
      @JsonProperty("hidden_units") int hiddenUnits,
      @JsonProperty("population") int population,
      @JsonProperty("generations") int generations,
      @JsonProperty("rollouts") int rollouts,
      @JsonProperty("temperature") double temperature,
      @JsonProperty("done_threshold") Double doneThreshold,
      @JsonProperty("halt_margin") Double haltMargin,
      @JsonProperty("initial_sigma") double initialSigma,
      // Omitted when 0, so the recipe a report prints reads as before for recipes without it.
      @JsonProperty("context") @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer context) {
    public Control {
      context = context == null ? 0 : context;
      Check.inRange("control.context", context, 0, Integer.MAX_VALUE);
      Check.argument(controller != null, "control.controller must be linear or mlp, got nothing");
      Check.positiveFinite("control.temperature", temperature);
      if (doneThreshold != null) {
        Check.inRange("control.done_threshold", doneThreshold, 0, 1);
      }
      DreamControlTraining.requireHaltMargin("control.halt_margin", haltMargin);
    }
  }

  /** Reads {@code control.controller}, so that a bad name is refused naming that key. */
  private static final class KindFromJson extends StdDeserializer<ControllerKind> {
    KindFromJson() {
      super(ControllerKind.class);
    }

    @Override
    public ControllerKind deserialize(JsonParser p, DeserializationContext c) throws IOException {
      return ControllerKind.parse(p.getValueAsString(), "control.controller");
    }
  }

  /**
   * @param episodes real episodes that score the controller
   */
  public record Play(@JsonProperty("episodes") int episodes) {
    public Play {
      Check.inRange("play.episodes", episodes, 1, 1_000_000);
    }
  }

  /**
   * World Models' iterative training procedure (ARCHITECTURE.md, "Seeds, iterative training and
   * conditioned dreams"): round 0 collects {@code collect.episodes} with the random policy; each
   * later round collects {@code episodes} real episodes with the current controller plus
   * exploration, stops there if their mean return reaches {@code target}, and otherwise trains M on
   * all the data so far and C in the dream again. At most {@code max} rounds.
   *
   * @param max most rounds, round 0 included (1: the single-round run)
   * @param episodes real episodes each round after the first collects with the controller
   * @param target stop after a round's collection whose mean return is at least this; null never
   * @param exploration probability of a uniformly random action at each collecting step (absent: 0)
   * @param warmStart train each later round's model from the previous round's weights instead of
   *     from scratch (absent: false); from scratch anyway when the previous model's shape differs
   * @param continueSearch each later round's CMA-ES continues the previous round's search (its
   *     mean, step size, covariance and paths) for {@code control.generations} more generations in
   *     the new dream, instead of starting again from zero (absent: false)
   * @param keepIncumbent each later round keeps the previous round's controller unless the new
   *     search's mean beats it on the same dreams of the new model (see {@link
   *     org.worldmodels.control.CmaesSearch#keepingUnlessBeaten}); absent (null): true, see {@link
   *     #keepsIncumbent()}
   * @param realContest real episodes (keyed {@code SeedKey.contest}) on which each later round's
   *     agent (model and controller) must beat the previous round's, or the previous one is put
   *     back; absent (null) or 0: no contest, the new agent stays
   */
  public record Rounds(
      @JsonProperty("max") int max,
      @JsonProperty("episodes") int episodes,
      @JsonProperty("target") Double target,
      @JsonProperty("exploration") Double exploration,
      @JsonProperty("warm_start") Boolean warmStart,
      @JsonProperty("continue_search") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          Boolean continueSearch,
      // Omitted when absent, so the recipe a run records reads as before and older runs resume.
      @JsonProperty("keep_incumbent") @JsonInclude(JsonInclude.Include.NON_NULL)
          Boolean keepIncumbent,
      @JsonProperty("real_contest") @JsonInclude(JsonInclude.Include.NON_NULL)
          Integer realContest) {
    /** One round: what a recipe without {@code rounds} runs. */
    static final Rounds ONE = new Rounds(1, 1, null, 0.0, false, false, null, null);

    public Rounds {
      Check.inRange("rounds.max", max, 1, 1000);
      Check.inRange("rounds.episodes", episodes, 1, org.worldmodels.rollout.Collect.MAX_EPISODES);
      if (target != null) {
        Check.finite("rounds.target", target);
      }
      exploration = exploration == null ? 0.0 : exploration;
      Check.inRange("rounds.exploration", exploration, 0, 1);
      warmStart = warmStart != null && warmStart;
      continueSearch = continueSearch != null && continueSearch;
      if (realContest != null) {
        Check.inRange(
            "rounds.real_contest",
            realContest,
            0,
            org.worldmodels.control.PlayRequest.MAX_EPISODES);
      }
    }

    /** Real contest episodes on which a later round's agent must beat the previous one; 0: none. */
    public int realContestEpisodes() {
      return realContest == null ? 0 : realContest;
    }

    /** Whether later rounds keep the previous controller unless beaten ({@code keep_incumbent}). */
    public boolean keepsIncumbent() {
      return keepIncumbent == null || keepIncumbent;
    }

    /** Whether round {@code r}'s collection ends the run: a later round that reached the target. */
    boolean reached(int r, double collectMeanReturn) {
      return r > 0 && target != null && collectMeanReturn >= target;
    }
  }

  /**
   * The vision model V of a pixel environment (docs/vision.md): trained once, on round 0's frames,
   * and kept fixed in later rounds, so that every round's latents stay comparable. Absent keys take
   * {@code vae train}'s defaults.
   *
   * @param zSize latent size
   * @param epochs total passes over the training frames
   * @param batch frames per step
   * @param lr Adam's learning rate
   * @param klTolerance KL floor per latent dimension, nats
   * @param recon {@code bernoulli} or {@code mse}
   * @param episodes train V on round 0's first this many episodes only; absent for all of them
   */
  public record Vae(
      @JsonProperty("z_size") Integer zSize,
      @JsonProperty("epochs") Integer epochs,
      @JsonProperty("batch") Integer batch,
      @JsonProperty("lr") Double lr,
      @JsonProperty("kl_tolerance") Double klTolerance,
      @JsonProperty("recon") String recon,
      @JsonProperty("episodes") @JsonInclude(JsonInclude.Include.NON_NULL) Integer episodes) {
    static final Vae DEFAULTS = new Vae(null, null, null, null, null, null, null);

    public Vae {
      zSize = zSize == null ? VaeConfig.Z_SIZE_DEFAULT : zSize;
      epochs = epochs == null ? VaeTrainConfig.EPOCHS_DEFAULT : epochs;
      batch = batch == null ? VaeTrainConfig.BATCH_DEFAULT : batch;
      lr = lr == null ? VaeTrainConfig.LEARNING_RATE_DEFAULT : lr;
      klTolerance = klTolerance == null ? VaeConfig.KL_TOLERANCE_DEFAULT : klTolerance;
      recon = recon == null ? VaeConfig.RECON_DEFAULT.id() : recon;
      Check.inRange("vae.z_size", zSize, 1, 4096);
      Check.inRange("vae.epochs", epochs, 1, 1_000_000);
      Check.inRange("vae.batch", batch, 1, 100_000);
      Check.positiveFinite("vae.lr", lr);
      Check.inRange("vae.kl_tolerance", klTolerance, 0, 1e6);
      Check.argument(
          recon.equals(ReconLoss.BERNOULLI.id()) || recon.equals(ReconLoss.MSE.id()),
          "vae.recon must be bernoulli or mse, got '" + recon + "'");
      if (episodes != null) {
        Check.inRange("vae.episodes", episodes, 2, 1_000_000);
      }
    }

    /** The ConvVAE these settings build: World Models' layers, for 64 x 64 frames. */
    VaeConfig model() {
      return VaeConfig.defaults()
          .withZSize(zSize)
          .withKlTolerance(klTolerance)
          .withRecon(ReconLoss.parse(recon));
    }

    /** How V is trained at {@code seed}. */
    VaeTrainConfig training(long seed) {
      return VaeTrainConfig.defaults(seed).withEpochs(epochs).withBatch(batch).withLearningRate(lr);
    }
  }

  /** The rounds to run: {@link #rounds()}, or {@link Rounds#ONE} without the key. */
  Rounds roundsOrOne() {
    return rounds != null ? rounds : Rounds.ONE;
  }

  /** Reads {@code DIR/config.json}; errors name the file. */
  public static Recipe read(Path envDir) {
    Path file = envDir.resolve("config.json");
    return Json.read(file, Recipe.class);
  }
}
