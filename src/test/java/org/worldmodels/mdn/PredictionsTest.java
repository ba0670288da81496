package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Progress;

/** {@code mdn predict} as a library call. */
class PredictionsTest {
  @TempDir Path tmp;

  @Test
  void requestRefusesWhatItCanCheckWithoutFiles() {
    assertThatThrownBy(() -> new PredictRequest(tmp, tmp, tmp.resolve("o"), -1, 1, 0))
        .hasMessageStartingWith("samples must be in [0, 1000000], got -1");
    assertThatThrownBy(() -> new PredictRequest(tmp, tmp, tmp.resolve("o"), 1, Double.NaN, 0))
        .hasMessageStartingWith("temperature must be");
  }

  @Test
  void writesOneRowPerInputWithItsOwnSampleStream() throws Exception {
    double[] x = {0, 0.5, 1, 1.5};
    double[] t = {0, 1, 2, 3};
    MdnRegressor fitted =
        MdnRegressor.fit(x, t, MdnConfig.defaults().withSteps(5).withMixtures(2), Progress.NONE);
    Path model = tmp.resolve("model");
    fitted.save(model, fitted.metadata("x", "t", 0, x.length, 0));
    Path data = tmp.resolve("in.csv");
    Files.writeString(data, "x\n0\n1\n");
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    assertThat(Predictions.write(new PredictRequest(model, data, a, 3, 1, 7))).isEqualTo(2);
    Predictions.write(new PredictRequest(model, data, b, 3, 1, 7));
    assertThat(Files.readAllLines(a))
        .hasSize(3)
        .first()
        .isEqualTo("x,mode,mean,sample_1,sample_2,sample_3");
    assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
    assertThatThrownBy(() -> Predictions.write(new PredictRequest(model, data, a, 3, 1, 7)))
        .hasMessageContaining("file exists");
  }
}
