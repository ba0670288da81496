package org.worldmodels.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.util.Json;

/**
 * Reads {@link ControllerFile}s key by key, so that every refusal names the file and the key
 * ({@code ctl.json: key 'spec.z_size' must be an integer, got "4"}).
 */
final class ControllerFileReader {
  private static final List<String> ROOT_KEYS =
      List.of("format", "format_version", "library_version", "spec", "model", "parameters");
  private static final List<String> SPEC_KEYS =
      List.of("kind", "z_size", "h_size", "hidden_units", "action");
  private static final List<String> MODEL_KEYS = List.of("path", "step", "data_fingerprint");

  /**
   * NaN and Infinity tokens are parsed, so that they are reported as what they are rather than as a
   * syntax error; duplicate keys and trailing content are refused.
   */
  private static final ObjectReader READER =
      Json.reader()
          .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;

  private ControllerFileReader(Path file) {
    this.file = file;
  }

  static ControllerFile read(Path file) {
    return new ControllerFileReader(file).read();
  }

  private ControllerFile read() {
    JsonNode root = parse();
    requireObject(root, null);
    requireKnownKeys(root, null, ROOT_KEYS);

    String format = string(root, "format");
    if (!ControllerFile.FORMAT.equals(format)) {
      throw error("format", "is '" + format + "'; expected '" + ControllerFile.FORMAT + "'");
    }
    int version = integer(root, "format_version");
    JsonNode library = root.get("library_version");
    if (version != ControllerFile.FORMAT_VERSION) {
      throw error(
          "format_version",
          "is "
              + version
              + (library != null ? " (written by worldmodels " + library.asText() + ")" : "")
              + "; this build reads "
              + ControllerFile.FORMAT_VERSION);
    }
    if (library != null && !library.isTextual()) {
      throw error("library_version", "must be a string, got " + library);
    }

    ControllerSpec spec = spec(child(root, "spec"));
    ModelReference model = model(child(root, "model"));
    double[] parameters = parameters(root, spec);
    return new ControllerFile(spec, parameters, model);
  }

  private JsonNode parse() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      JsonNode n = READER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new IllegalArgumentException(file + ": empty; expected a controller JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException(
          file + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  private ControllerSpec spec(JsonNode s) {
    requireKnownKeys(s, "spec", SPEC_KEYS);
    ControllerKind kind;
    try {
      kind = ControllerKind.parse(string(s, "spec.kind"));
    } catch (IllegalArgumentException e) {
      throw wrapped("spec.kind", e.getMessage());
    }
    int zSize = integer(s, "spec.z_size");
    int hSize = integer(s, "spec.h_size");
    int units = integer(s, "spec.hidden_units");
    ActionSpec action = action(child(s, "spec.action"));
    try {
      return new ControllerSpec(kind, zSize, hSize, action, units);
    } catch (IllegalArgumentException e) {
      throw wrapped("spec", e.getMessage());
    }
  }

  private ActionSpec action(JsonNode a) {
    try {
      return Json.treeToValue(a, ActionSpec.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw wrapped("spec.action", cause.getMessage());
    } catch (JsonProcessingException e) {
      throw wrapped("spec.action", e.getOriginalMessage());
    }
  }

  private ModelReference model(JsonNode m) {
    requireKnownKeys(m, "model", MODEL_KEYS);
    String path = string(m, "model.path");
    long step = longInteger(m, "model.step");
    String fingerprint = string(m, "model.data_fingerprint");
    try {
      return new ModelReference(path, step, fingerprint);
    } catch (IllegalArgumentException e) {
      throw wrapped("model", e.getMessage());
    }
  }

  private double[] parameters(JsonNode root, ControllerSpec spec) {
    JsonNode p = field(root, "parameters");
    if (!p.isArray()) {
      throw error("parameters", "must be an array of numbers, got " + kindOf(p));
    }
    if (p.size() != spec.parameterCount()) {
      throw error(
          "parameters",
          "has "
              + p.size()
              + " values; a "
              + spec.kind()
              + " controller with Z+H = "
              + spec.inputSize()
              + (spec.kind() == ControllerKind.MLP ? ", hidden_units = " + spec.hiddenUnits() : "")
              + " and "
              + spec.outputSize()
              + " outputs has "
              + spec.parameterCount());
    }
    double[] v = new double[p.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode x = p.get(i);
      if (!x.isNumber()) {
        throw error("parameters", "value at index " + i + " must be a number, got " + x);
      }
      v[i] = x.doubleValue();
      if (!Double.isFinite(v[i])) {
        throw error("parameters", "holds " + v[i] + " at index " + i + "; expected finite numbers");
      }
    }
    return v;
  }

  // --- typed access; keys are dotted paths from the root ---

  private JsonNode field(JsonNode parent, String key) {
    JsonNode n = parent.get(leaf(key));
    if (n == null) {
      throw new IllegalArgumentException(file + ": missing key '" + key + "'");
    }
    return n;
  }

  private JsonNode child(JsonNode parent, String key) {
    JsonNode n = field(parent, key);
    requireObject(n, key);
    return n;
  }

  private String string(JsonNode parent, String key) {
    JsonNode n = field(parent, key);
    if (!n.isTextual()) {
      throw error(key, "must be a string, got " + n);
    }
    return n.textValue();
  }

  private int integer(JsonNode parent, String key) {
    JsonNode n = field(parent, key);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error(key, "must be an integer, got " + n);
    }
    return n.intValue();
  }

  private long longInteger(JsonNode parent, String key) {
    JsonNode n = field(parent, key);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw error(key, "must be an integer, got " + n);
    }
    return n.longValue();
  }

  private void requireObject(JsonNode n, String key) {
    if (!n.isObject()) {
      String what = "must be a JSON object, got " + kindOf(n);
      throw key == null
          ? new IllegalArgumentException(file + ": " + what.replace("must be", "expected"))
          : error(key, what);
    }
  }

  private void requireKnownKeys(JsonNode n, String key, List<String> known) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        String where = key == null ? k : key + "." + k;
        throw new IllegalArgumentException(
            file + ": unknown key '" + where + "'; expected " + String.join(", ", known));
      }
    }
  }

  private IllegalArgumentException error(String key, String what) {
    return new IllegalArgumentException(file + ": key '" + key + "' " + what);
  }

  /** A message of a record's own check, which names the field itself. */
  private IllegalArgumentException wrapped(String key, String message) {
    return new IllegalArgumentException(file + ": key '" + key + "': " + message);
  }

  private static String leaf(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private static String kindOf(JsonNode n) {
    return n.isArray() ? "an array" : n.isObject() ? "an object" : n.toString();
  }
}
