package org.worldmodels.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvsTest {

  @Test
  void makesEachEnvironmentByItsId() {
    assertThat(Envs.make("cartpole")).isInstanceOf(CartPoleEnv.class);
    assertThat(Envs.make("pendulum")).isInstanceOf(PendulumEnv.class);
    for (String id : Envs.IDS) {
      assertThat(Envs.make(id).id()).isEqualTo(id);
    }
  }

  @Test
  void unknownIdListsTheAcceptedOnes() {
    assertThatThrownBy(() -> Envs.make("CartPole-v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "env id must be one of cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels, got 'CartPole-v1'");
    assertThatThrownBy(() -> Envs.make(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels");
  }

  @Test
  void seedGivenToMakeDrivesTheUnseededReset() {
    assertThat(Envs.make("cartpole", 9).reset()).containsExactly(new CartPoleEnv(9).reset());
    assertThat(Envs.make("pendulum").reset()).containsExactly(new PendulumEnv(0).reset());
  }

  @Test
  void idsAreImmutableAndTheSameList() {
    assertThat(Envs.ids())
        .containsExactly("cartpole", "pendulum", "acrobot", "cartpole-pixels", "pendulum-pixels")
        .isSameAs(Envs.IDS);
    assertThatThrownBy(() -> Envs.ids().add("mountaincar"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void environmentsNameTheirObservations() {
    assertThat(new CartPoleEnv().observationNames())
        .containsExactly("x", "x_dot", "theta", "theta_dot");
    assertThat(new PendulumEnv().observationNames())
        .containsExactly("cos theta", "sin theta", "theta_dot");
    for (String id : Envs.ids()) {
      try (Env env = Envs.make(id)) {
        if (Envs.isPixels(id)) {
          // A frame's entries have no names of their own; the state behind it has.
          assertThat(env.observationNames()).as(id).isEmpty();
          assertThat(((PixelEnv) env).stateNames()).as(id).isNotEmpty();
          continue;
        }
        assertThat(env.observationNames())
            .as(id)
            .hasSize(env.observationSpace().dimension())
            .doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void describeSaysWhatEachEnvironmentIs() {
    EnvDescription cartpole = Envs.describe("cartpole");
    assertThat(cartpole.id()).isEqualTo("cartpole");
    assertThat(cartpole.gymnasiumName()).isEqualTo("CartPole-v1");
    assertThat(cartpole.description()).isNotBlank().doesNotContain("\n");
    assertThat(cartpole.observationNames()).containsExactly("x", "x_dot", "theta", "theta_dot");
    assertThat(cartpole.actions()).isEqualTo("Discrete(2), one-hot");
    EnvDescription pendulum = Envs.describe("pendulum");
    assertThat(pendulum.gymnasiumName()).isEqualTo("Pendulum-v1");
    assertThat(pendulum.observationNames()).containsExactly("cos theta", "sin theta", "theta_dot");
    assertThat(pendulum.actions()).isEqualTo("Box(shape=[1], low=[-2.0], high=[2.0])");
  }

  @Test
  void describeRefusesAnUnknownIdListingTheKnownOnes() {
    assertThatThrownBy(() -> Envs.describe("mountaincar"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "env id must be one of cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels, got 'mountaincar'");
    assertThatThrownBy(() -> Envs.describe(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "env id must be one of cartpole, pendulum, acrobot, cartpole-pixels, pendulum-pixels, got null");
  }

  @Test
  void lookupAcceptsShortAndGymnasiumNames() {
    assertThat(Envs.lookup("cartpole")).contains(Envs.describe("cartpole"));
    assertThat(Envs.lookup("CartPole-v1")).contains(Envs.describe("cartpole"));
    assertThat(Envs.lookup("Pendulum-v1").orElseThrow().id()).isEqualTo("pendulum");
    assertThat(Envs.lookup("dream of model")).isEmpty();
    assertThat(Envs.lookup(null)).isEmpty();
  }
}
