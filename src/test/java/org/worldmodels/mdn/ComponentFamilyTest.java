package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Naming families: built-in ids, user classes by name, and why a user class was refused. */
class ComponentFamilyTest {
  /** A user-defined family (what it computes does not matter here). */
  public static final class Renamed extends ConstantFamily {}

  /** A user-defined family whose constructor fails. */
  public static final class Broken extends ConstantFamily {
    public Broken() {
      throw new IllegalStateException("needs a licence file");
    }
  }

  /** A user-defined family without a no-argument constructor. */
  public static final class NeedsArgument extends ConstantFamily {
    public NeedsArgument(int degrees) {}
  }

  /** Shared body of the test families: constant densities, draws at the location. */
  abstract static class ConstantFamily implements ComponentFamily {
    @Override
    public String id() {
      return "x";
    }

    @Override
    public double logPdf(double y, double mu, double sigma) {
      return 0;
    }

    @Override
    public Operand<TFloat32> logPdf(
        Ops tf,
        Operand<TFloat32> y,
        Operand<TFloat32> mu,
        Operand<TFloat32> sigma,
        Operand<TFloat32> logSigma) {
      return y;
    }

    @Override
    public double sample(double mu, double sigma, RandomGenerator rng) {
      return mu;
    }

    @Override
    public double variance(double sigma) {
      return 1;
    }
  }

  @Test
  void builtInsAreNamedByIdAndUserFamiliesByClassNameOneInstanceEach() {
    assertThat(ComponentFamily.parse("gaussian")).isSameAs(ComponentFamily.GAUSSIAN);
    assertThat(ComponentFamily.parse("laplace").name()).isEqualTo("laplace");
    String name = Renamed.class.getName();
    ComponentFamily f = ComponentFamily.parse(name);
    assertThat(f).isInstanceOf(Renamed.class).isSameAs(ComponentFamily.parse(name));
    assertThat(f.name()).isEqualTo(name);
  }

  @Test
  void aUserFamilyThatFailsToConstructIsRefusedWithItsCause() {
    assertThatThrownBy(() -> ComponentFamily.parse(Broken.class.getName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("family '" + Broken.class.getName() + "' constructor threw")
        .hasMessageContaining("needs a licence file")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ComponentFamily.parse(NeedsArgument.class.getName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no public no-argument constructor")
        .hasCauseInstanceOf(NoSuchMethodException.class);
  }

  @Test
  void otherNamesAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> ComponentFamily.parse("cauchy"))
        .hasMessage(
            "family must be gaussian, laplace or the class name of a ComponentFamily, got 'cauchy'")
        .hasNoCause();
    assertThatThrownBy(() -> ComponentFamily.parse("com.example.Missing"))
        .hasMessageContaining("got 'com.example.Missing' (no such class)")
        .hasCauseInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> ComponentFamily.parse("java.lang.String"))
        .hasMessageContaining("does not implement ComponentFamily");
  }
}
