package org.worldmodels.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Dataset;
import org.worldmodels.data.Episode;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;

/** Closing, extreme inputs and threads: what a dream must survive. */
class DreamReliabilityTest {
  private static final MdnRnnConfig CONFIG =
      new MdnRnnConfig(
          3, 2, 16, 3, MdnRnnConfig.FAMILY_DEFAULT, MdnRnnConfig.SIGMA_DEFAULT, true, true, 10);
  private static final DataSpec SPEC =
      new DataSpec(3, new ActionSpec.Box(new double[] {-1, -1}, new double[] {1, 1}), 50, "test");

  private static WorldModel model() {
    return WorldModel.of(CONFIG, MdnRnnWeights.initial(CONFIG, new SplittableRandom(11)), SPEC);
  }

  private static DreamOptions options(int batch, Backend backend, long seed) {
    return DreamOptions.builder()
        .batchSize(batch)
        .temperature(1.0)
        .seed(seed)
        .backend(backend)
        .build();
  }

  private static float[][] filled(int rows, int cols, float v) {
    float[][] m = new float[rows][cols];
    for (float[] r : m) {
      java.util.Arrays.fill(r, v);
    }
    return m;
  }

  // --- closing -------------------------------------------------------------------------------

  @Test
  void closingTwiceIsHarmlessAndUseAfterCloseIsRefused() {
    for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
      WorldModel m = model();
      DreamEnv env = m.dreamEnv(options(2, backend, 1));
      env.reset(filled(2, 3, 0));
      env.step(filled(2, 3, 0), filled(2, 2, 0));
      env.close();
      env.close(); // harmless
      assertThatThrownBy(() -> env.step(filled(2, 3, 0), filled(2, 2, 0)))
          .as(backend.name())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("DreamEnv is closed");

      DreamEnv open = m.dreamEnv(options(2, backend, 1));
      open.reset(filled(2, 3, 0));
      m.close();
      m.close(); // harmless
      assertThat(m.isOpen()).isFalse();
      // A dream of a closed model refuses every call, on the Java backend too.
      for (Runnable call :
          List.<Runnable>of(
              () -> open.step(filled(2, 3, 0), filled(2, 2, 0)),
              () -> open.reset(filled(2, 3, 0)),
              open::hidden,
              open::snapshot)) {
        assertThatThrownBy(call::run)
            .as(backend.name())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("WorldModel of this DreamEnv is closed");
      }
      open.close(); // still harmless
      assertThatThrownBy(() -> m.dreamEnv(options(2, backend, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WorldModel")
          .hasMessageContaining("is closed");
      assertThatThrownBy(() -> m.dreamEnv(4, 1.0, 7))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is closed");
      assertThat(m.config()).isEqualTo(CONFIG); // plain values stay readable
    }
  }

  @Test
  void gymStyleDreamClosesTwiceAndRefusesAfterwards() {
    try (WorldModel m = model()) {
      Episode e = Episode.ofTransitions(new float[2][3], new float[1][2]);
      InitialLatents starts = InitialLatents.from(Dataset.of(List.of(e), SPEC));
      DreamGymEnv env =
          new DreamGymEnv(m::dreamEnv, m.spec(), starts, options(1, Backend.JAVA, 3), 10);
      env.reset(5L);
      env.close();
      env.close();
      assertThatThrownBy(() -> env.step(new float[] {0, 0}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  // --- extreme inputs ----------------------------------------------------------------------------

  @Test
  void hugeButFiniteInputsGiveFiniteOutputsOnBothBackends() {
    try (WorldModel m = model()) {
      assertThat(m.cell().inputLimit()).isGreaterThan(1e36).isLessThan(Float.MAX_VALUE);
      for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
        for (float v : new float[] {1e30f, -1e30f}) {
          try (DreamEnv env = m.dreamEnv(options(4, backend, 5))) {
            float[][] z = filled(4, 3, v);
            env.reset(z);
            for (int t = 0; t < 5; t++) {
              DreamStep s = env.step(z, filled(4, 2, v));
              String what = backend + " z=" + v + " step " + t;
              for (float[] row : s.z()) {
                for (float x : row) {
                  assertThat(Float.isFinite(x)).as(what).isTrue();
                }
              }
              for (float r : s.reward()) {
                assertThat(Float.isFinite(r)).as(what).isTrue();
              }
              for (float[] h : env.hidden()) {
                for (float x : h) {
                  assertThat(Math.abs(x)).as(what).isLessThanOrEqualTo(1f);
                }
              }
              for (double ll : env.logLikelihood(z)) {
                assertThat(Double.isFinite(ll)).as(what).isTrue();
              }
            }
          }
        }
      }
    }
  }

  @Test
  void inputsBeyondTheLimitAreRefusedBeforeAnyStateChanges() {
    try (WorldModel m = model()) {
      for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
        try (DreamEnv env = m.dreamEnv(options(2, backend, 5))) {
          env.reset(filled(2, 3, 0.5f));
          env.step(filled(2, 3, 0.5f), filled(2, 2, 0));
          DreamState before = env.snapshot();
          float[][] z = filled(2, 3, 0.5f);
          z[1][2] = Float.MAX_VALUE;
          assertThatThrownBy(() -> env.step(z, filled(2, 2, 0)))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("z[1][2]")
              .hasMessageContaining("overflows float32");
          float[][] a = filled(2, 2, 0);
          a[0][1] = -Float.MAX_VALUE;
          assertThatThrownBy(() -> env.step(filled(2, 3, 0.5f), a))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("action[0][1]");
          assertThat(env.snapshot().h()).isEqualTo(before.h());
          assertThat(env.snapshot().rng()).isEqualTo(before.rng());
          env.step(filled(2, 3, 0.5f), filled(2, 2, 0)); // still usable
        }
      }
    }
  }

  @Test
  void nonFiniteInputsAreRefusedEvenWhereTheLimitIsInfinite() {
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(11));
    // No input weights: no input can overflow the gates, so the cell's limit is infinite.
    int inputs = CONFIG.zSize() + CONFIG.actionSize();
    java.util.Arrays.fill(w.lstmKernel(), 0, inputs * 4 * CONFIG.hidden(), 0f);
    for (MdnRnnWeights weights :
        List.of(w, MdnRnnWeights.initial(CONFIG, new SplittableRandom(11)))) {
      try (WorldModel m = WorldModel.of(CONFIG, weights, SPEC)) {
        for (Backend backend : new Backend[] {Backend.JAVA, Backend.TENSORFLOW}) {
          try (DreamEnv env = m.dreamEnv(options(3, backend, 5))) {
            env.reset(filled(3, 3, 0.5f));
            DreamState before = env.snapshot();
            float[][] z = filled(3, 3, 0.5f);
            z[2][1] = Float.NaN;
            assertThatThrownBy(() -> env.step(z, filled(3, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("z[2][1] is NaN; expected a finite value");
            float[][] a = filled(3, 2, 0);
            a[1][0] = Float.NEGATIVE_INFINITY;
            assertThatThrownBy(() -> env.step(filled(3, 3, 0.5f), a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action[1][0] is -Infinity; expected a finite value");
            assertThat(env.snapshot().h()).isEqualTo(before.h());
            assertThat(env.snapshot().rng()).isEqualTo(before.rng());
          }
        }
      }
    }
  }

  @Test
  void tinyTemperaturesSampleFiniteValues() {
    try (WorldModel m = model();
        DreamEnv env =
            m.dreamEnv(DreamOptions.builder().batchSize(3).temperature(1e-300).seed(2).build())) {
      float[][] z = filled(3, 3, 0.1f);
      env.reset(z);
      for (int t = 0; t < 20; t++) {
        z = env.step(z, filled(3, 2, 0.3f)).z();
        for (float[] row : z) {
          for (float x : row) {
            assertThat(Float.isFinite(x)).isTrue();
          }
        }
      }
    }
  }

  // --- threads --------------------------------------------------------------------------------

  /** Everything a dream of {@code steps} steps produced, flattened for comparison. */
  private record Trace(List<float[]> values, List<boolean[]> done) {}

  private static Trace run(WorldModel m, DreamOptions o, int steps, CyclicBarrier start)
      throws Exception {
    List<float[]> values = new ArrayList<>();
    List<boolean[]> done = new ArrayList<>();
    SplittableRandom actions = new SplittableRandom(o.seed() * 31 + 1);
    int b = o.batchSize();
    try (DreamEnv env = m.dreamEnv(o)) {
      float[][] z = filled(b, 3, 0.2f);
      env.reset(z);
      if (start != null) {
        start.await(30, TimeUnit.SECONDS);
      }
      for (int t = 0; t < steps; t++) {
        float[][] a = new float[b][2];
        for (float[] row : a) {
          row[0] = (float) (2 * actions.nextDouble() - 1);
          row[1] = (float) (2 * actions.nextDouble() - 1);
        }
        DreamStep s = env.step(z, a);
        z = s.z();
        for (float[] row : z) {
          values.add(row.clone());
        }
        values.add(s.reward().clone());
        for (float[] h : env.hidden()) {
          values.add(h);
        }
        done.add(s.done().clone());
      }
    }
    return new Trace(values, done);
  }

  @Test
  void fourDreamsOfOneModelOnFourThreadsEqualTheSameDreamsRunInTurn() throws Exception {
    for (Object[] setting : new Object[][] {{Backend.JAVA, 4, 200}, {Backend.TENSORFLOW, 64, 60}}) {
      Backend backend = (Backend) setting[0];
      int batch = (int) setting[1];
      int steps = (int) setting[2];
      try (WorldModel m = model()) {
        List<DreamOptions> opts = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
          opts.add(options(batch, backend, seed));
        }
        List<Trace> alone = new ArrayList<>();
        for (DreamOptions o : opts) {
          alone.add(run(m, o, steps, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          CyclicBarrier start = new CyclicBarrier(4);
          List<Future<Trace>> together = new ArrayList<>();
          for (DreamOptions o : opts) {
            together.add(pool.submit(() -> run(m, o, steps, start)));
          }
          for (int i = 0; i < 4; i++) {
            Trace t = together.get(i).get(120, TimeUnit.SECONDS);
            String what = backend + " dream " + i;
            assertThat(t.values()).as(what).hasSameSizeAs(alone.get(i).values());
            for (int j = 0; j < t.values().size(); j++) {
              assertThat(t.values().get(j))
                  .as(what + ", value row " + j)
                  .isEqualTo(alone.get(i).values().get(j));
            }
            for (int j = 0; j < t.done().size(); j++) {
              assertThat(t.done().get(j))
                  .as(what + ", done at step " + j)
                  .isEqualTo(alone.get(i).done().get(j));
            }
          }
        } finally {
          pool.shutdownNow();
        }
        // Guard: the four dreams are not the same dream.
        assertThat(alone.get(0).values().get(0)).isNotEqualTo(alone.get(1).values().get(0));
      }
    }
  }
}
