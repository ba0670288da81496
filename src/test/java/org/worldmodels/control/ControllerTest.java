package org.worldmodels.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.worldmodels.data.ActionSpec;

/** Controllers against outputs computed by hand, the action heads, and parameter handling. */
class ControllerTest {
  private static final ActionSpec TWO_BOXES =
      new ActionSpec.Box(new double[] {-1, 0}, new double[] {1, 4});

  /** {@code low + (high - low) * (tanh(o) + 1) / 2}, the box head's formula. */
  private static double scaled(double o, double low, double high) {
    return low + (high - low) * (Math.tanh(o) + 1) / 2;
  }

  @Test
  void linearOutputComputedByHand() {
    // Z = 2, H = 1, box of 2: W = [[1, 2, 3], [-1, 0.5, 0]], b = [0.1, -0.2].
    ControllerSpec spec = ControllerSpec.linear(2, 1, TWO_BOXES);
    Controller c = spec.create(new double[] {1, 2, 3, -1, 0.5, 0, 0.1, -0.2});
    float[] a = c.act(new float[] {0.5f, -1f}, new float[] {2f});
    double o0 = 1 * 0.5 + 2 * -1 + 3 * 2 + 0.1; // 4.6
    double o1 = -1 * 0.5 + 0.5 * -1 + 0 * 2 - 0.2; // -1.2
    assertEquals(scaled(o0, -1, 1), a[0], 1e-6);
    assertEquals(scaled(o1, 0, 4), a[1], 1e-6);
    assertEquals(Math.tanh(4.6), a[0], 1e-6); // [-1, 1] is plain tanh
  }

  @Test
  void mlpOutputComputedByHand() {
    // Z = 1, H = 1, U = 2, box [-2, 2]: W1 = [[1, -1], [0.5, 2]], b1 = [0, 0.1], W2 = [[1, -2]],
    // b2 = [0.3].
    ActionSpec box = new ActionSpec.Box(new double[] {-2}, new double[] {2});
    ControllerSpec spec = ControllerSpec.mlp(1, 1, box, 2);
    assertEquals(2 * 2 + 2 + 2 + 1, spec.parameterCount());
    Controller c = spec.create(new double[] {1, -1, 0.5, 2, 0, 0.1, 1, -2, 0.3});
    assertThat(c).isInstanceOf(MlpController.class);
    double z = 0.4;
    double h = -0.3;
    double u0 = Math.tanh(1 * z - 1 * h + 0);
    double u1 = Math.tanh(0.5 * z + 2 * h + 0.1);
    double o = u0 - 2 * u1 + 0.3;
    assertEquals(
        scaled(o, -2, 2), c.act(new float[] {(float) z}, new float[] {(float) h})[0], 1e-6);
  }

  @Test
  void boxHeadSpansTheBoundsAndNeverLeavesThem() {
    ActionSpec box = new ActionSpec.Box(new double[] {-2, 10}, new double[] {2, 11});
    ControllerSpec spec = ControllerSpec.linear(1, 1, box);
    // W = 0 and biases far out or at zero: the actions sit at the bounds or the midpoint.
    assertArrayEquals(
        new float[] {2f, 10f}, spec.create(new double[] {0, 0, 0, 0, 1e6, -1e6}).act(one(), one()));
    assertArrayEquals(
        new float[] {0f, 10.5f}, spec.create(new double[] {0, 0, 0, 0, 0, 0}).act(one(), one()));
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      double[] p = new double[spec.parameterCount()];
      for (int j = 0; j < p.length; j++) {
        p[j] = rng.nextGaussian() * 30;
      }
      float[] a = spec.create(p).act(new float[] {(float) rng.nextGaussian()}, one());
      assertThat(a[0]).isBetween(-2f, 2f);
      assertThat(a[1]).isBetween(10f, 11f);
    }
  }

  @Test
  void discreteHeadIsTheOneHotArgmaxFirstOnTies() {
    ControllerSpec spec = ControllerSpec.linear(1, 1, new ActionSpec.Discrete(3));
    // W = 0: the biases decide.
    assertArrayEquals(
        new float[] {0f, 0f, 1f},
        spec.create(new double[] {0, 0, 0, 0, 0, 0, 0.1, -5, 0.2}).act(one(), one()));
    assertArrayEquals(
        new float[] {0f, 1f, 0f},
        spec.create(new double[] {0, 0, 0, 0, 0, 0, 0.1, 0.3, 0.3}).act(one(), one()));
    assertArrayEquals(new float[] {1f, 0f, 0f}, spec.create(new double[9]).act(one(), one()));
    // The input moves the argmax: o = [z, -z, 0].
    Controller byZ = spec.create(new double[] {1, 0, -1, 0, 0, 0, 0, 0, 0});
    assertArrayEquals(new float[] {1f, 0f, 0f}, byZ.act(new float[] {2f}, one()));
    assertArrayEquals(new float[] {0f, 1f, 0f}, byZ.act(new float[] {-2f}, one()));
  }

  @Test
  void argmaxSkipsNaN() {
    assertEquals(1, ActionHead.argmax(new double[] {Double.NaN, 0.5, 0.2}));
    assertEquals(0, ActionHead.argmax(new double[] {Double.NaN, Double.NaN}));
  }

  @Test
  void parametersRoundTripAndAreCopied() {
    for (ControllerSpec spec :
        new ControllerSpec[] {
          ControllerSpec.linear(3, 5, new ActionSpec.Discrete(2)),
          ControllerSpec.mlp(3, 5, TWO_BOXES, 4)
        }) {
      double[] p = new SplittableRandom(1).doubles(spec.parameterCount()).toArray();
      Controller c = spec.create(p);
      assertArrayEquals(p, c.parameters());
      assertEquals(p.length, c.parameterCount());
      assertEquals(spec, c.spec());
      float[] z = {0.1f, -0.2f, 0.3f};
      float[] h = {0.5f, 0.4f, -0.3f, 0.2f, -0.1f};
      float[] before = c.act(z, h);
      p[0] += 100; // the controller owns a copy
      c.parameters()[1] += 100;
      assertArrayEquals(before, c.act(z, h));
      assertArrayEquals(before, spec.create(c.parameters()).act(z, h));
    }
  }

  @Test
  void parameterCounts() {
    // World Models' CarRacing controller: 3 * (32 + 256) + 3.
    ActionSpec car = new ActionSpec.Box(new double[] {-1, 0, 0}, new double[] {1, 1, 1});
    assertEquals(867, ControllerSpec.linear(32, 256, car).parameterCount());
    assertEquals(16 * 288 + 16 + 3 * 16 + 3, ControllerSpec.mlp(32, 256, car, 16).parameterCount());
  }

  @Test
  void badParametersAreRefused() {
    ControllerSpec spec = ControllerSpec.linear(1, 1, new ActionSpec.Discrete(2));
    assertThatThrownBy(() -> spec.create(new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 6 parameters, got 5");
    assertThatThrownBy(() -> spec.create(new double[] {0, 0, Double.NaN, 0, 0, 0}))
        .hasMessageContaining("NaN at index 2");
    assertThatThrownBy(() -> spec.create(new double[] {0, 0, 0, Double.POSITIVE_INFINITY, 0, 0}))
        .hasMessageContaining("Infinity at index 3");
    assertThatThrownBy(() -> spec.create(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MlpController(spec, new double[6]))
        .hasMessageContaining("needs an mlp spec");
  }

  @Test
  void inputsOfTheWrongLengthAreRefused() {
    Controller c = ControllerSpec.linear(2, 3, new ActionSpec.Discrete(2)).create(new double[12]);
    assertThatThrownBy(() -> c.act(new float[3], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("z must have length 2 for this controller, found length 3");
    assertThatThrownBy(() -> c.act(new float[2], new float[2]))
        .hasMessage("h must have length 3 for this controller, found length 2");
  }

  private static float[] one() {
    return new float[] {1f};
  }
}
