package org.worldmodels.mdn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A family of one-dimensional location-scale distributions used as mixture components, with its log
 * density written twice: as TensorFlow ops (for the loss) and in plain Java (for evaluation,
 * sampling and tests), term by term alike.
 *
 * <p>A new family is one class implementing this interface with a public no-argument constructor.
 * Built-in families are named by {@link #id()} ({@code gaussian}, {@code laplace}); any other is
 * named by its fully qualified class name, e.g. {@code --family com.acme.StudentT}, and found by
 * reflection, so adding one needs no edit elsewhere.
 */
public interface ComponentFamily {

  /** The name used on the command line and in model metadata. */
  String id();

  /** {@code log p(y | mu, sigma)}, with {@code sigma > 0} the family's scale parameter. */
  double logPdf(double y, double mu, double sigma);

  /**
   * The same log density as graph ops. {@code logSigma} is {@code log(sigma)}, passed separately
   * because the scale activation can often give it exactly (for {@code exp} it is the raw output).
   */
  Operand<TFloat32> logPdf(
      Ops tf,
      Operand<TFloat32> y,
      Operand<TFloat32> mu,
      Operand<TFloat32> sigma,
      Operand<TFloat32> logSigma);

  /** One draw from the component. */
  double sample(double mu, double sigma, RandomGenerator rng);

  /** The component's variance for scale {@code sigma}. */
  double variance(double sigma);

  /** The component's mean (location {@code mu} for symmetric families). */
  default double mean(double mu, double sigma) {
    return mu;
  }

  /** The component's mode (location {@code mu} for symmetric unimodal families). */
  default double mode(double mu, double sigma) {
    return mu;
  }

  /**
   * How far from the component's location its density is still worth searching for a mixture mode,
   * in units of {@code sigma}.
   */
  default double searchRadius() {
    return 6.0;
  }

  /** The built-in families. */
  List<ComponentFamily> BUILT_IN = List.of(new Gaussian(), new Laplace());

  /** Normal components, the default of both MDNs. */
  ComponentFamily GAUSSIAN = BUILT_IN.get(0);

  /**
   * The family named {@code name}: a built-in id, or the fully qualified name of a class
   * implementing this interface with a public no-argument constructor. The same name always gives
   * the same instance, so configurations holding a family compare equal by value.
   *
   * @throws IllegalArgumentException naming the value and the accepted names; when the named class
   *     exists but cannot be made a family (no public no-argument constructor, or the constructor
   *     throws), the message says why and the cause is kept
   */
  @JsonCreator
  static ComponentFamily parse(String name) {
    for (ComponentFamily f : BUILT_IN) {
      if (f.id().equals(name)) {
        return f;
      }
    }
    String accepted = "family must be gaussian, laplace or the class name of a ComponentFamily";
    if (name == null || !name.contains(".")) {
      throw new IllegalArgumentException(accepted + ", got '" + name + "'");
    }
    Class<?> c;
    try {
      c = Class.forName(name);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(accepted + ", got '" + name + "' (no such class)", e);
    }
    if (!ComponentFamily.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(
          accepted + ", got '" + name + "' (a class that does not implement ComponentFamily)");
    }
    return Families.USER_DEFINED.get(c);
  }

  /**
   * The name {@link #parse} turns back into this family, as command lines and model metadata spell
   * it: the id of a built-in family, the class name of any other.
   */
  @JsonValue
  default String name() {
    for (ComponentFamily f : BUILT_IN) {
      if (f.getClass() == getClass()) {
        return f.id();
      }
    }
    return getClass().getName();
  }
}
