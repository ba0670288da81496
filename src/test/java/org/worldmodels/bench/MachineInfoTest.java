package org.worldmodels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineInfoTest {

  private static final String AVX2_ONLY =
      "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B12\n"
          + "flags\t\t: fpu sse sse2 sse4_1 sse4_2 avx f16c fma avx2 bmi2\n\n"
          + "processor\t: 1\nmodel name\t: ignored\nflags\t\t: avx512f\n";

  @Test
  void readsTheFirstProcessorsModelAndVectorFlags() {
    MachineInfo m = MachineInfo.parse(AVX2_ONLY);
    assertThat(m.model()).isEqualTo("AMD EPYC 7B12");
    assertThat(m.vectorFlags()).containsExactly("sse4_2", "avx", "fma", "avx2");
  }

  @Test
  void avx512IsReportedInTheFixedOrder() {
    MachineInfo m =
        MachineInfo.parse("model name : X\nflags : avx512_bf16 avx2 avx512f avx fma sse4_2\n");
    assertThat(m.vectorFlags())
        .containsExactly("sse4_2", "avx", "fma", "avx2", "avx512f", "avx512_bf16");
  }

  @Test
  void figuresCarryModelAndFlags() {
    Map<String, Object> out = new LinkedHashMap<>();
    MachineInfo.parse(AVX2_ONLY).putInto(out);
    assertThat(out).containsEntry("cpu_model", "AMD EPYC 7B12");
    assertThat(out).containsEntry("cpu_flags", "sse4_2 avx fma avx2");
  }
}
