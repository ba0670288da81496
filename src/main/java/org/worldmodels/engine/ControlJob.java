package org.worldmodels.engine;

import java.io.Serializable;
import java.nio.file.Path;
import org.worldmodels.control.ControlRequest;
import org.worldmodels.control.ControllerKind;

/**
 * A {@link ControlRequest} as plain data an engine can ship (paths as absolute strings), plus the
 * checksum of the model's weights: executors key the model they keep loaded by it.
 */
record ControlJob(
    String model,
    String initial,
    String out,
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
    int round,
    String modelChecksum)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static ControlJob of(ControlRequest r, String modelChecksum) {
    return new ControlJob(
        r.model().toAbsolutePath().toString(),
        r.initial().toAbsolutePath().toString(),
        r.out().toAbsolutePath().toString(),
        r.controller(),
        r.hiddenUnits(),
        r.population(),
        r.generations(),
        r.rollouts(),
        r.maxSteps(),
        r.temperature(),
        r.doneThreshold(),
        r.haltMargin(),
        r.initialSigma(),
        r.context(),
        r.seed(),
        r.round(),
        modelChecksum);
  }

  /** The request again (without its state file, which only the driver writes). */
  ControlRequest request() {
    return ControlRequest.builder(Path.of(model), Path.of(initial), Path.of(out))
        .controller(controller)
        .hiddenUnits(hiddenUnits)
        .population(population)
        .generations(generations)
        .rollouts(rollouts)
        .maxSteps(maxSteps)
        .temperature(temperature)
        .doneThreshold(doneThreshold)
        .haltMargin(haltMargin)
        .initialSigma(initialSigma)
        .context(context)
        .seed(seed)
        .round(round)
        .build();
  }
}
