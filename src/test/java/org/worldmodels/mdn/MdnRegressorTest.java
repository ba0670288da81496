package org.worldmodels.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.util.Progress;

class MdnRegressorTest {
  private static final MdnConfig SHORT = MdnConfig.defaults().withSteps(200);

  @Test
  void sameSeedGivesIdenticalWeightFiles(@TempDir Path dir) throws Exception {
    double[][] d = InvertedSine.sample(300, 3);
    MdnRegressor a = MdnRegressor.fit(d[1], d[0], SHORT.withSeed(9), Progress.NONE);
    MdnRegressor b = MdnRegressor.fit(d[1], d[0], SHORT.withSeed(9), Progress.NONE);
    a.save(dir.resolve("a"), a.metadata("t", "x", 0, 300, 1.0));
    b.save(dir.resolve("b"), b.metadata("t", "x", 0, 300, 2.0));
    assertThat(Files.readAllBytes(dir.resolve("a/weights.npz")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b/weights.npz")));
    MdnRegressor c = MdnRegressor.fit(d[1], d[0], SHORT.withSeed(10), Progress.NONE);
    c.save(dir.resolve("c"), c.metadata("t", "x", 0, 300, 1.0));
    assertThat(Files.readAllBytes(dir.resolve("c/weights.npz")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("a/weights.npz")));
  }

  @Test
  void savedModelLoadsWithTheSameDensities(@TempDir Path dir) throws Exception {
    double[][] d = InvertedSine.sample(300, 4);
    MdnRegressor a = MdnRegressor.fit(d[1], d[0], SHORT.withMixtures(3), Progress.NONE);
    a.save(dir, a.metadata("t", "x", 0, 300, 1.0));
    MdnRegressor b = MdnRegressor.load(dir);
    assertThat(b.metadata().input()).isEqualTo("t");
    assertThat(b.negLogLikelihood(d[1], d[0])).isEqualTo(a.negLogLikelihood(d[1], d[0]));
  }

  @Test
  void loadRefusesAnotherFormatVersion(@TempDir Path dir) throws Exception {
    double[][] d = InvertedSine.sample(50, 4);
    MdnRegressor a = MdnRegressor.fit(d[1], d[0], MdnConfig.defaults().withSteps(2), Progress.NONE);
    a.save(dir, a.metadata("t", "x", 0, 50, 1.0));
    Path meta = dir.resolve(MdnRegressor.METADATA_FILE);
    Files.writeString(
        meta, Files.readString(meta).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
    assertThatThrownBy(() -> MdnRegressor.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 99")
        .hasMessageContaining("reads 1");
  }

  @Test
  void loadRefusesMissingWeights(@TempDir Path dir) throws Exception {
    double[][] d = InvertedSine.sample(50, 4);
    MdnRegressor a = MdnRegressor.fit(d[1], d[0], MdnConfig.defaults().withSteps(2), Progress.NONE);
    a.save(dir, a.metadata("t", "x", 0, 50, 1.0));
    Files.delete(dir.resolve(MdnRegressor.WEIGHTS_FILE));
    assertThatThrownBy(() -> MdnRegressor.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights.npz");
  }

  @Test
  void configRejectsBadValues() {
    assertThatThrownBy(() -> MdnConfig.defaults().withMixtures(0))
        .hasMessageContaining("mixtures must be in [1, 1000], got 0");
    assertThatThrownBy(() -> ComponentFamily.parse("cauchy")).hasMessageContaining("'cauchy'");
  }

  /** The metadata's config as the code before the enums wrote it: it loads and is written back. */
  @Test
  void configJsonKeepsTheStringsOfBefore() throws Exception {
    String before =
        "{\"mixtures\":3,\"family\":\"laplace\",\"sigma\":\"elu\",\"mu\":\"softplus\","
            + "\"hidden\":[32,32],\"steps\":8000,\"learningRate\":0.005,\"weightDecay\":0.001,"
            + "\"validationFraction\":0.0,\"seed\":0}";
    MdnConfig c = org.worldmodels.util.Json.parse(before, MdnConfig.class);
    assertThat(c.family()).isSameAs(ComponentFamily.parse("laplace"));
    assertThat(c.sigma()).isSameAs(ScaleActivation.ELU_PLUS_ONE);
    assertThat(c.mu()).isSameAs(MeanActivation.SOFTPLUS);
    assertThat(org.worldmodels.util.Json.line(c)).isEqualTo(before);
    assertThat(org.worldmodels.util.Json.line(MdnConfig.defaults()))
        .startsWith(
            "{\"mixtures\":5,\"family\":\"gaussian\",\"sigma\":\"exp\",\"mu\":\"identity\",");
  }
}
