package org.worldmodels.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.worldmodels.dream.Backend;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.util.Json;

/** The soak test's measuring code, at sizes that take a second. */
class MemoryTrendTest {
  @Test
  void slopeIsTheLeastSquaresFitAfterTheWarmUp() {
    MemoryTrend t = new MemoryTrend();
    // A jump during the first 20% (steps <= 200 of 1000) is left out; then 0.5 MiB per 100 steps.
    t.add(100, 100);
    t.add(200, 900);
    for (int step = 300; step <= 1000; step += 100) {
      t.add(step, 1000 + 0.005 * step);
    }
    assertThat(t.slopePerThousandSteps()).isCloseTo(5.0, within(1e-9));

    MemoryTrend flat = new MemoryTrend();
    for (int step = 1; step <= 10; step++) {
      flat.add(step * 5000L, 512);
    }
    assertThat(flat.slopePerThousandSteps()).isEqualTo(0.0);

    MemoryTrend one = new MemoryTrend();
    one.add(10, 5);
    assertThat(one.slopePerThousandSteps()).isNaN();
    assertThat(new MemoryTrend().slopePerThousandSteps()).isNaN();
  }

  @Test
  void shortRunsSampleResidentMemory() {
    MdnRnnConfig c = SoakRuns.config(3, 2, 8, 2);
    MemoryTrend train = SoakRuns.training(c, 4, 5, 30, 10, 1);
    check(train, 3, 10);
    for (Backend backend : new Backend[] {Backend.TENSORFLOW, Backend.JAVA}) {
      MemoryTrend dream = SoakRuns.dreaming(c, backend, 4, 300, 50, 2);
      check(dream, 6, 50);
    }
    Map<String, Object> f = train.figures(Map.of("phase", "train"));
    assertThat(f).containsKeys("phase", "rss_mib_by_step", "slope_mib_per_1000_steps");
    assertThat(Json.line(f)).startsWith("{").contains("\"rss_mib_by_step\":[[10.0,");
  }

  private static void check(MemoryTrend t, int samples, int every) {
    assertThat(t.samples()).hasSize(samples);
    for (int i = 0; i < samples; i++) {
      MemoryTrend.Sample s = t.samples().get(i);
      assertThat(s.step()).isEqualTo((long) (i + 1) * every);
      assertThat(s.rssMiB()).as("VmRSS of this Linux process").isGreaterThan(10);
    }
    assertThat(t.slopePerThousandSteps()).isFinite();
  }
}
