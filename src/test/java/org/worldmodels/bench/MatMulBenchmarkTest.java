package org.worldmodels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench matmul}'s figures: 2 m k n floating-point operations per timed product. */
class MatMulBenchmarkTest {
  @Test
  void reportsTheProductsThroughputAndTheMachine() {
    Map<String, Object> out = MatMulBenchmark.run(16, 3, 8, 3, 1);
    double ms = (Double) out.get("ms_per_product");
    assertThat(ms).isPositive();
    assertThat(out.get("gflops")).isEqualTo(2.0 * 16 * 3 * 8 / (ms * 1e6));
    assertThat(out).containsKeys("cpu_model", "cpu_flags", "threads").containsEntry("k", 3);
  }
}
