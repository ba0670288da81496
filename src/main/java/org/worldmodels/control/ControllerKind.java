package org.worldmodels.control;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The architecture of a {@link Controller}, as named in controller files. */
public enum ControllerKind {
  /** World Models' controller: one linear layer {@code o = W [z, h] + b}. */
  LINEAR("linear"),
  /** One tanh hidden layer: {@code o = W2 tanh(W1 [z, h] + b1) + b2}. */
  MLP("mlp");

  private final String id;

  ControllerKind(String id) {
    this.id = id;
  }

  /** The name in files and flags: {@code linear} or {@code mlp}; also its JSON form. */
  @JsonValue
  public String id() {
    return id;
  }

  /**
   * The kind named {@code s}.
   *
   * @throws IllegalArgumentException listing the accepted names otherwise
   */
  public static ControllerKind parse(String s) {
    return parse(s, "kind");
  }

  /**
   * The kind named {@code s}, where the value came from {@code name} (a key or a flag).
   *
   * @throws IllegalArgumentException "NAME must be linear or mlp, got 's'" otherwise
   */
  public static ControllerKind parse(String s, String name) {
    for (ControllerKind k : values()) {
      if (k.id.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        name
            + " must be "
            + Arrays.stream(values()).map(ControllerKind::id).collect(Collectors.joining(" or "))
            + ", got '"
            + s
            + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
