package org.worldmodels.control;

import java.nio.file.Path;
import org.worldmodels.util.Check;

/**
 * What {@code control} (and the pipeline's control phase) is asked to do: train a controller of
 * {@code controller} for the model in {@code model} with CMA-ES, in the dream only, dreams starting
 * from the first latents of the episodes in {@code initial}, and write it to {@code out}. {@link
 * DreamControlTraining#run} runs it.
 *
 * <pre>{@code
 * ControlRequest r = ControlRequest.builder(modelDir, episodesDir, Path.of("controller.json"))
 *     .population(16).generations(10).seed(3).build();
 * CmaesSearch.Result result = DreamControlTraining.run(r, Progress.NONE);
 * }</pre>
 *
 * <p>Checks name each setting by its key ({@code population}, {@code max_steps}, ...).
 *
 * @param model a model directory (the {@code --out} of {@code train})
 * @param initial episodes whose {@code z[0]} start the dreams
 * @param out the new controller file
 * @param controller linear or mlp
 * @param hiddenUnits tanh units of an mlp controller, >= 1; ignored (and >= 0) for linear
 * @param population CMA-ES population
 * @param generations CMA-ES generations
 * @param rollouts dreamed episodes per candidate
 * @param maxSteps time limit of a dreamed episode; null for the model data's {@code
 *     max_episode_steps}
 * @param temperature dream temperature
 * @param doneThreshold end a dreamed episode when P(done) exceeds it; null to sample done
 * @param haltMargin end a dreamed episode when a latent leaves the model's training-data range
 *     widened by this fraction of its width on each side; null never
 * @param initialSigma CMA-ES initial step size
 * @param context recorded steps each dream is conditioned on before it starts at {@code z[K]} of an
 *     episode of {@code initial} longer than {@code K} (see {@link
 *     org.worldmodels.dream.InitialLatents}); 0 to start at {@code z[0]}
 * @param seed seed of CMA-ES and of the dreams
 * @param state CMA-ES state file, written as the search goes and resumed from if it exists; null
 *     for none
 * @param round the iterative-training round whose dreams these are (keys their rows, see {@link
 *     DreamRolloutScores}); 0 for the first (and only) one
 * @param incumbent a controller file (a previous round's) kept unless the search's final mean does
 *     better on the same dreams of this model (see {@link CmaesSearch#keepingUnlessBeaten}); null
 *     for none
 */
public record ControlRequest(
    Path model,
    Path initial,
    Path out,
    ControllerKind controller,
    int hiddenUnits,
    int population,
    int generations,
    int rollouts,
    Integer maxSteps,
    double temperature,
    Double doneThreshold,
    Double haltMargin,
    double initialSigma,
    int context,
    long seed,
    Path state,
    int round,
    Path incumbent) {
  /** Default CMA-ES population. */
  public static final int POPULATION_DEFAULT = 32;

  /** Default number of generations. */
  public static final int GENERATIONS_DEFAULT = 30;

  /** Default dreamed episodes per candidate. */
  public static final int ROLLOUTS_DEFAULT = 8;

  /** Default dream temperature. */
  public static final double TEMPERATURE_DEFAULT = 1.0;

  /** Default hidden units of an mlp controller. */
  public static final int HIDDEN_UNITS_DEFAULT = 16;

  /** Default CMA-ES initial step size. */
  public static final double INITIAL_SIGMA_DEFAULT = 0.5;

  /** Validates what can be checked without reading files. */
  public ControlRequest {
    Check.argument(model != null, "model directory must be given");
    Check.argument(initial != null, "initial episodes must be given");
    Check.argument(out != null, "out (the controller file) must be given");
    Check.argument(controller != null, "controller must be linear or mlp, got nothing");
    if (controller == ControllerKind.MLP) {
      Check.inRange("hidden_units", hiddenUnits, 1, 1 << 16);
    } else {
      Check.inRange("hidden_units", hiddenUnits, 0, 1 << 16);
    }
    Check.inRange("population", population, 2, CmaesConfig.MAX_POPULATION_SIZE);
    Check.inRange("generations", generations, 1, 1_000_000);
    Check.inRange("rollouts", rollouts, 1, 1_000_000);
    if (maxSteps != null) {
      Check.positive("max_steps", maxSteps);
    }
    Check.positiveFinite("temperature", temperature);
    if (doneThreshold != null) {
      Check.inRange("done_threshold", doneThreshold, 0, 1);
    }
    DreamControlTraining.requireHaltMargin("halt_margin", haltMargin);
    Check.positiveFinite("initial_sigma", initialSigma);
    Check.argument(context >= 0, "context " + context + ": expected >= 0 steps");
    Check.inRange("round", round, 0, Integer.MAX_VALUE);
  }

  /** A builder with the defaults above, a linear controller, seed 0 and no state file. */
  public static Builder builder(Path model, Path initial, Path out) {
    return new Builder(model, initial, out);
  }

  /** The CMA-ES settings of this request. */
  public CmaesSearch.Settings settings() {
    return new CmaesSearch.Settings(population, generations, initialSigma, seed);
  }

  /** Builds a {@link ControlRequest}; {@link #build()} validates. */
  public static final class Builder {
    private final Path model;
    private final Path initial;
    private final Path out;
    private ControllerKind controller = ControllerKind.LINEAR;
    private int hiddenUnits = HIDDEN_UNITS_DEFAULT;
    private int population = POPULATION_DEFAULT;
    private int generations = GENERATIONS_DEFAULT;
    private int rollouts = ROLLOUTS_DEFAULT;
    private Integer maxSteps;
    private double temperature = TEMPERATURE_DEFAULT;
    private Double doneThreshold;
    private Double haltMargin;
    private double initialSigma = INITIAL_SIGMA_DEFAULT;
    private int context;
    private long seed;
    private Path state;
    private int round;
    private Path incumbent;

    private Builder(Path model, Path initial, Path out) {
      this.model = model;
      this.initial = initial;
      this.out = out;
    }

    /** Linear or mlp. */
    public Builder controller(ControllerKind v) {
      controller = v;
      return this;
    }

    /** Tanh units of an mlp controller. */
    public Builder hiddenUnits(int v) {
      hiddenUnits = v;
      return this;
    }

    /** CMA-ES population. */
    public Builder population(int v) {
      population = v;
      return this;
    }

    /** CMA-ES generations. */
    public Builder generations(int v) {
      generations = v;
      return this;
    }

    /** Dreamed episodes per candidate. */
    public Builder rollouts(int v) {
      rollouts = v;
      return this;
    }

    /** Dream time limit; null for the model data's {@code max_episode_steps}. */
    public Builder maxSteps(Integer v) {
      maxSteps = v;
      return this;
    }

    /** Dream temperature. */
    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    /** Done threshold; null to sample done. */
    public Builder doneThreshold(Double v) {
      doneThreshold = v;
      return this;
    }

    /** Halt margin; null never. */
    public Builder haltMargin(Double v) {
      haltMargin = v;
      return this;
    }

    /** CMA-ES initial step size. */
    public Builder initialSigma(double v) {
      initialSigma = v;
      return this;
    }

    /** Recorded steps each dream is conditioned on; 0 (the default) for none. */
    public Builder context(int v) {
      context = v;
      return this;
    }

    /** Seed of CMA-ES and of the dreams. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** CMA-ES state file; null for none. */
    public Builder state(Path v) {
      state = v;
      return this;
    }

    /** Iterative-training round, 0 (the default) for the first. */
    public Builder round(int v) {
      round = v;
      return this;
    }

    /** A controller file to keep unless the final mean beats it; null (the default) for none. */
    public Builder incumbent(Path v) {
      incumbent = v;
      return this;
    }

    /** The request. */
    public ControlRequest build() {
      return new ControlRequest(
          model,
          initial,
          out,
          controller,
          hiddenUnits,
          population,
          generations,
          rollouts,
          maxSteps,
          temperature,
          doneThreshold,
          haltMargin,
          initialSigma,
          context,
          seed,
          state,
          round,
          incumbent);
    }
  }
}
