package org.worldmodels.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;
import org.worldmodels.util.Version;

/**
 * A trained controller on disk ({@code CONTROLLER.json}): its spec, its parameters and the model it
 * belongs to.
 *
 * <pre>{@code
 * {
 *   "format" : "worldmodels-controller",
 *   "format_version" : 1,
 *   "library_version" : "0.1.0",
 *   "spec" : {"kind" : "linear", "z_size" : 4, "h_size" : 32, "hidden_units" : 0,
 *             "action" : {"type" : "discrete", "n" : 2}},
 *   "model" : {"path" : "runs/cartpole-0/model", "step" : 4000, "data_fingerprint" : "9f2c..."},
 *   "parameters" : [ 0.12, -0.5, ... ]
 * }
 * }</pre>
 *
 * <p>{@link #write} replaces the file atomically. {@link #read} checks everything (format and
 * version, each key's type and range, the parameter count, finite values, unknown keys) and reports
 * the first problem as an {@link IllegalArgumentException} naming the file and the key.
 *
 * @param spec the controller's shape
 * @param parameters its flat parameter vector, {@code spec.parameterCount()} finite values
 * @param model the model it was trained for
 */
public record ControllerFile(ControllerSpec spec, double[] parameters, ModelReference model) {
  /** The {@code format} value of controller files. */
  public static final String FORMAT = "worldmodels-controller";

  /** The layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** Validates that the parameters fit the spec (by building the controller) and copies them. */
  public ControllerFile {
    Check.argument(spec != null, "spec is missing");
    Check.argument(model != null, "model is missing");
    parameters = spec.create(parameters).parameters();
  }

  /** The file of {@code controller}, trained for {@code model}. */
  public static ControllerFile of(Controller controller, ModelReference model) {
    return new ControllerFile(controller.spec(), controller.parameters(), model);
  }

  /** A copy of the parameters. */
  @Override
  public double[] parameters() {
    return parameters.clone();
  }

  /** The controller these parameters define. */
  public Controller controller() {
    return spec.create(parameters);
  }

  /** Checks that the controller fits {@code model} (see {@link ControllerSpec#requireMatches}). */
  public void requireMatches(MdnRnnConfig modelConfig, String modelName) {
    spec.requireMatches(modelConfig, modelName);
  }

  /** Writes this file as indented JSON, atomically. */
  public void write(Path file) throws IOException {
    Json.write(file, toJson());
  }

  /**
   * Reads and validates a controller file.
   *
   * @throws IllegalArgumentException naming the file and key on any problem, including a missing
   *     file and malformed JSON
   */
  public static ControllerFile read(Path file) {
    return ControllerFileReader.read(file);
  }

  /** The JSON form, keys in the order of the class comment. */
  ObjectNode toJson() {
    ObjectNode root = Json.objectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("library_version", Version.get());
    ObjectNode s = root.putObject("spec");
    s.put("kind", spec.kind().id());
    s.put("z_size", spec.zSize());
    s.put("h_size", spec.hSize());
    s.put("hidden_units", spec.hiddenUnits());
    s.set("action", Json.valueToTree(spec.action()));
    ObjectNode m = root.putObject("model");
    m.put("path", model.path());
    m.put("step", model.step());
    m.put("data_fingerprint", model.dataFingerprint());
    ArrayNode p = root.putArray("parameters");
    for (double v : parameters) {
      p.add(v);
    }
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControllerFile f
        && spec.equals(f.spec)
        && Arrays.equals(parameters, f.parameters)
        && model.equals(f.model);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, model) * 31 + Arrays.hashCode(parameters);
  }

  @Override
  public String toString() {
    return "ControllerFile[spec="
        + spec
        + ", parameters="
        + parameters.length
        + " values, model="
        + model
        + "]";
  }
}
