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
        .hasMessage("env id must be one of cartpole, pendulum, got 'CartPole-v1'");
    assertThatThrownBy(() -> Envs.make(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cartpole, pendulum");
  }

  @Test
  void seedGivenToMakeDrivesTheUnseededReset() {
    assertThat(Envs.make("cartpole", 9).reset()).containsExactly(new CartPoleEnv(9).reset());
    assertThat(Envs.make("pendulum").reset()).containsExactly(new PendulumEnv(0).reset());
  }
}
