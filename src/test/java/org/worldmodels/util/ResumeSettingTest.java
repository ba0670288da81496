package org.worldmodels.util;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResumeSettingTest {
  @Test
  void theSameValuePasses() {
    assertThatCode(() -> ResumeSetting.check(Path.of("m"), "WORLDMODELS_THREADS", 2, 2))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherValueIsRefusedNamingTheVariableBothValuesAndWhatToSet() {
    assertThatThrownBy(() -> ResumeSetting.check(Path.of("m"), "SOME_VARIABLE", 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--resume: m was trained with SOME_VARIABLE=1, now 0; set SOME_VARIABLE=1 before the"
                + " JVM starts to continue it bit for bit");
  }
}
