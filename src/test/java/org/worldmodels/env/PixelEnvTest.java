package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.worldmodels.env.render.CartPoleRenderer;
import org.worldmodels.env.render.PendulumRenderer;
import org.worldmodels.env.render.Renderer;
import org.worldmodels.util.Seeds;

/**
 * The pixel environments: the wrapped environment's dynamics, seeds, rewards and endings unchanged;
 * the observation is the frame its renderer draws of the state, as values b / 255; the registry
 * knows them.
 */
class PixelEnvTest {

  /** Steps a pixel env and its plain twin with the same seed and actions, comparing everything. */
  private static void followsItsStateEnvironment(String pixels, String plain, Renderer renderer) {
    try (PixelEnv p = (PixelEnv) Envs.make(pixels, 3, renderer.size());
        Env e = Envs.make(plain, 3)) {
      RandomGenerator rng = Seeds.stream(8);
      byte[] expected = new byte[renderer.frameBytes()];
      for (int episode = 0; episode < 3; episode++) {
        float[] o = episode == 0 ? p.reset(11) : p.reset();
        float[] s = episode == 0 ? e.reset(11) : e.reset();
        int t = 0;
        while (true) {
          String at = pixels + " episode " + episode + " step " + t;
          assertArrayEquals(s, p.state(), at);
          renderer.render(s, expected);
          assertArrayEquals(expected, p.frame(), at);
          assertEquals(expected.length, o.length, at);
          for (int i = 0; i < o.length; i++) {
            assertEquals((expected[i] & 0xff) / 255f, o[i], at + " value " + i);
          }
          float[] a = e.actionSpace().sample(rng);
          StepResult rp = p.step(a);
          StepResult re = e.step(a);
          assertEquals(re.reward(), rp.reward(), at);
          assertEquals(re.terminated(), rp.terminated(), at);
          assertEquals(re.truncated(), rp.truncated(), at);
          o = rp.observation();
          s = re.observation();
          t++;
          if (re.done()) {
            assertArrayEquals(s, p.state(), at);
            break;
          }
        }
      }
    }
  }

  @Test
  void cartPolePixelsIsCartPoleSeenThroughItsFrames() {
    followsItsStateEnvironment("cartpole-pixels", "cartpole", new CartPoleRenderer(32));
  }

  @Test
  void pendulumPixelsIsPendulumSeenThroughItsFrames() {
    followsItsStateEnvironment("pendulum-pixels", "pendulum", new PendulumRenderer(24));
  }

  @Test
  void spacesNamesAndRegistry() {
    try (PixelEnv p = PixelEnv.cartPole(0, 16)) {
      assertThat(p.observationSpace().shape()).containsExactly(16, 16, 3);
      assertThat(p.observationSpace()).isEqualTo(Box.uniform(new int[] {16, 16, 3}, 0, 1));
      assertThat(p.observationNames()).isEmpty();
      assertThat(p.stateNames()).containsExactly("x", "x_dot", "theta", "theta_dot");
      assertEquals(new CartPoleEnv().observationSpace(), p.stateSpace());
      assertEquals(new Discrete(2), p.actionSpace());
      assertEquals(500, p.maxEpisodeSteps());
      assertEquals("cartpole-pixels", p.id());
      assertEquals(16, p.frameSize());
    }
    assertThat(Envs.make("pendulum-pixels").observationSpace().shape()).containsExactly(64, 64, 3);
    assertThat(Envs.isPixels("pendulum-pixels")).isTrue();
    assertThat(Envs.isPixels("pendulum")).isFalse();
    EnvDescription d = Envs.describe("cartpole-pixels");
    assertEquals("CartPole-v1", d.gymnasiumName());
    assertThat(d.description()).contains("frames").doesNotContain("\n");
    assertEquals("Discrete(2), one-hot", d.actions());
    // A Gymnasium name still means the state-vector environment.
    assertEquals("cartpole", Envs.lookup("CartPole-v1").orElseThrow().id());
    assertEquals("pendulum-pixels", Envs.lookup("pendulum-pixels").orElseThrow().id());
  }

  @Test
  void refusesBadFrameSizesAndStepsBeforeReset() {
    assertThatThrownBy(() -> Envs.make("cartpole-pixels", 0, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame size must be in [8, 512], got 7");
    assertThatThrownBy(() -> PixelEnv.pendulum(0, 513))
        .hasMessage("frame size must be in [8, 512], got 513");
    // State environments take no frame size and ignore it.
    assertThat(Envs.make("cartpole", 0, 7).id()).isEqualTo("cartpole");
    try (PixelEnv p = PixelEnv.cartPole(0, 8)) {
      assertThatThrownBy(() -> p.step(new float[] {1, 0}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cartpole-pixels: call reset before step");
      assertThatThrownBy(p::frame).isInstanceOf(IllegalStateException.class);
    }
  }
}
