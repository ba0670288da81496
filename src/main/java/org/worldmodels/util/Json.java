package org.worldmodels.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One configured Jackson mapper, and reading JSON files with errors that name the file. The mapper
 * itself stays private (an {@link ObjectMapper} can be reconfigured by anyone holding it); callers
 * use the static methods below, or the immutable {@link #reader()}.
 */
public final class Json {
  /** Compact output (one line), unknown keys refused. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectMapper PRETTY =
      MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * For large files that programs read back: one line, doubles by the Schubfach algorithm (the
   * shortest text that reads back to the same bits, several times faster than {@link
   * Double#toString} on Java 17); otherwise {@link #MAPPER}'s settings.
   */
  private static final ObjectMapper BULK =
      MAPPER.rebuild().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private Json() {}

  /**
   * An immutable reader with this mapper's settings, for callers that add features of their own.
   */
  public static ObjectReader reader() {
    return MAPPER.reader();
  }

  /** {@code value} as a JSON tree (records as objects, keys as they are written). */
  public static <T extends JsonNode> T valueToTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Maps a JSON tree to {@code type}, unknown keys refused. */
  public static <T> T treeToValue(JsonNode tree, Class<T> type) throws JsonProcessingException {
    return MAPPER.treeToValue(tree, type);
  }

  /** Parses one JSON text to a tree. */
  public static JsonNode parseTree(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** Parses one JSON text as {@code type}, unknown keys refused. */
  public static <T> T parse(String text, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(text, type);
  }

  /** A new, empty JSON object. */
  public static ObjectNode objectNode() {
    return MAPPER.createObjectNode();
  }

  /** The value as one line of JSON. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** The value as indented JSON, for files people read. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** Writes {@code value} as indented JSON, atomically. */
  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.writeString(file, pretty(value));
  }

  /**
   * Writes {@code value} as one line of JSON, atomically, streamed to the file: for state files of
   * many megabytes that programs, not people, read.
   */
  public static void writeCompact(Path file, Object value) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          try (OutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
            BULK.writeValue(buffered, value);
          }
        });
  }

  /**
   * Reads {@code file} as {@code type}; any problem (missing file, malformed JSON, unknown or
   * wrong-typed key, a record's own check) becomes an {@link IllegalArgumentException} naming the
   * file.
   */
  public static <T> T read(Path file, Class<T> type) {
    String text = readText(file);
    try {
      return MAPPER.readValue(text, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(file + ": " + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(file + ": " + keyOf(e) + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@code key 'a.b[2]': } for the value a mapping error is about, or nothing. */
  private static String keyOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "" : "key '" + path + "': ";
  }

  /** Reads {@code file} as a JSON tree, errors naming the file. */
  public static JsonNode readTree(Path file) {
    String text = readText(file);
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
