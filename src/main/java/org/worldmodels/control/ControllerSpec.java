package org.worldmodels.control;

import org.worldmodels.data.ActionSpec;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.util.Check;

/**
 * The shape of a {@link Controller}: what it reads ({@code [z, h]}, width {@code Z + H}), what it
 * outputs and how its flat parameter vector is laid out.
 *
 * <p>The output layer has one unit per action dimension ({@code A_out} = {@code action.size()}),
 * and its values {@code o} become an action as follows:
 *
 * <ul>
 *   <li>discrete {@code n}: the one-hot vector of {@code argmax(o)} (the first on a tie);
 *   <li>box: {@code low + (high - low) * (tanh(o) + 1) / 2} per dimension, so every action lies in
 *       the bounds, which must therefore be finite.
 * </ul>
 *
 * <p>Parameter layouts (row-major matrices, {@code x = [z, h]}):
 *
 * <ul>
 *   <li>{@code linear}: {@code W [A_out, Z+H]}, then {@code b [A_out]}; World Models' CarRacing
 *       controller (Z 32, H 256, A 3) has 867 parameters.
 *   <li>{@code mlp}: {@code W1 [U, Z+H]}, {@code b1 [U]}, {@code W2 [A_out, U]}, {@code b2
 *       [A_out]}, with {@code U} = {@code hiddenUnits} tanh units.
 * </ul>
 *
 * @param kind linear or mlp
 * @param zSize latent width {@code Z}, in [1, 65536]
 * @param hSize LSTM state width {@code H}, in [1, 16384] (the model's {@code hidden})
 * @param action the action space: discrete, or a box with finite bounds
 * @param hiddenUnits tanh units {@code U} of an mlp, in [1, 65536]; 0 for linear
 */
public record ControllerSpec(
    ControllerKind kind, int zSize, int hSize, ActionSpec action, int hiddenUnits) {
  /** Largest parameter vector accepted (400 MB of doubles). */
  public static final int MAX_PARAMETERS = 50_000_000;

  /** Validates every field and the resulting parameter count. */
  public ControllerSpec {
    Check.argument(kind != null, "kind is missing; expected linear or mlp");
    Check.inRange("z_size", zSize, 1, 1 << 16);
    Check.inRange("h_size", hSize, 1, 1 << 14);
    Check.argument(
        action != null,
        "action is missing; expected {\"type\": \"discrete\", \"n\": N} or {\"type\": \"box\","
            + " ...}");
    Check.inRange("action size", action.size(), 1, 1 << 16);
    if (action instanceof ActionSpec.Box b) {
      double[] low = b.low();
      double[] high = b.high();
      for (int i = 0; i < low.length; i++) {
        Check.argument(
            Double.isFinite(low[i]) && Double.isFinite(high[i]),
            "action: box bounds must be finite (a controller scales tanh into [low, high]), got"
                + " low["
                + i
                + "] = "
                + low[i]
                + ", high["
                + i
                + "] = "
                + high[i]);
      }
    }
    if (kind == ControllerKind.LINEAR) {
      Check.argument(
          hiddenUnits == 0, "hidden_units must be 0 for a linear controller, got " + hiddenUnits);
    } else {
      Check.inRange("hidden_units", hiddenUnits, 1, 1 << 16);
    }
    long count = countParameters(kind, zSize + hSize, hiddenUnits, action.size());
    Check.argument(
        count <= MAX_PARAMETERS,
        "a "
            + kind
            + " controller with Z+H = "
            + (zSize + hSize)
            + ", hidden_units = "
            + hiddenUnits
            + " and "
            + action.size()
            + " outputs has "
            + count
            + " parameters; at most "
            + MAX_PARAMETERS
            + " are accepted");
  }

  /** World Models' linear controller on {@code [z, h]}. */
  public static ControllerSpec linear(int zSize, int hSize, ActionSpec action) {
    return new ControllerSpec(ControllerKind.LINEAR, zSize, hSize, action, 0);
  }

  /** A controller with one hidden layer of {@code hiddenUnits} tanh units. */
  public static ControllerSpec mlp(int zSize, int hSize, ActionSpec action, int hiddenUnits) {
    return new ControllerSpec(ControllerKind.MLP, zSize, hSize, action, hiddenUnits);
  }

  /** The spec of {@code kind} for a model: its latent width, LSTM width and action space. */
  public static ControllerSpec forModel(
      ControllerKind kind, MdnRnnConfig model, ActionSpec action, int hiddenUnits) {
    return new ControllerSpec(kind, model.zSize(), model.hidden(), action, hiddenUnits);
  }

  /** Input width {@code Z + H}. */
  public int inputSize() {
    return zSize + hSize;
  }

  /** Output width {@code A_out}: one unit per action dimension (n for discrete). */
  public int outputSize() {
    return action.size();
  }

  /** Length of the flat parameter vector. */
  public int parameterCount() {
    return (int) countParameters(kind, inputSize(), hiddenUnits, outputSize());
  }

  private static long countParameters(ControllerKind kind, int in, int units, int out) {
    return kind == ControllerKind.LINEAR
        ? (long) out * in + out
        : (long) units * in + units + (long) out * units + out;
  }

  /**
   * The controller with these parameters.
   *
   * @throws IllegalArgumentException if the count is not {@link #parameterCount()} or a value is
   *     not finite
   */
  public Controller create(double[] parameters) {
    return kind == ControllerKind.LINEAR
        ? new LinearController(this, parameters)
        : new MlpController(this, parameters);
  }

  /**
   * Checks that this controller reads and drives {@code model}: same latent width, LSTM width and
   * action width.
   *
   * @param modelName how to name the model in the message, e.g. its directory
   * @throws IllegalArgumentException naming each size that differs
   */
  public void requireMatches(MdnRnnConfig model, String modelName) {
    StringBuilder diff = new StringBuilder();
    mismatch(diff, "z size", zSize, model.zSize());
    mismatch(diff, "hidden size", hSize, model.hidden());
    mismatch(diff, "action size", action.size(), model.actionSize());
    Check.argument(
        diff.length() == 0,
        "the controller does not fit model " + modelName + ": " + diff + " (controller vs model)");
  }

  private static void mismatch(StringBuilder diff, String what, int mine, int theirs) {
    if (mine != theirs) {
      diff.append(diff.length() == 0 ? "" : ", ")
          .append(what)
          .append(' ')
          .append(mine)
          .append(" vs ")
          .append(theirs);
    }
  }
}
