package org.worldmodels.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Seeds;

/** Encoded episodes ({@code z} and {@code logvar}): training redraws z per epoch, eval keeps z. */
class EncodedEpisodesTest {
  @TempDir Path dir;

  private static float[][] logvar(Episode e, float value) {
    float[][] lv = new float[e.z().length][e.zSize()];
    for (int t = 0; t < lv.length; t++) {
      for (int j = 0; j < lv[t].length; j++) {
        lv[t][j] = value - 0.1f * j;
      }
    }
    return lv;
  }

  @Test
  void trainingRedrawsZFromLogvarPerEpochKeyedBySeedEpochAndEpisode() throws IOException {
    Episode plain = TestEpisodes.traced(0, 4);
    Episode encoded = TestEpisodes.traced(7, 5);
    float[][] lv = logvar(encoded, -1f);
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), plain);
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(1)), encoded, lv);
    Dataset data = EpisodeStore.load(dir);
    assertThat(data.isSeries(0)).isFalse();
    assertThat(data.isSeries(1)).isTrue();
    // Evaluation sees z, the encoder's mean.
    assertThat(data.episode(1)).isEqualTo(encoded);
    assertThat(data.episodeForTraining(0, 3, 9)).isEqualTo(plain);

    Episode e3 = data.episodeForTraining(1, 3, 9);
    // Oracle: the formula of the contract with eps from the stream keyed by (seed, epoch, episode).
    RandomGenerator rng = Seeds.stream(9, 3, 1);
    for (int t = 0; t < lv.length; t++) {
      for (int j = 0; j < lv[t].length; j++) {
        double want = encoded.z()[t][j] + Math.exp(lv[t][j] / 2.0) * rng.nextGaussian();
        assertThat(e3.z()[t][j]).isEqualTo((float) want);
      }
    }
    assertThat(e3.action()).isDeepEqualTo(encoded.action());
    assertThat(e3.truncated()).containsExactly(encoded.truncated());
    // Same key, same bits; another epoch or seed, another draw.
    assertThat(EpisodeStore.load(dir).episodeForTraining(1, 3, 9)).isEqualTo(e3);
    assertThat(java.util.Arrays.deepEquals(data.episodeForTraining(1, 4, 9).z(), e3.z())).isFalse();
    assertThat(java.util.Arrays.deepEquals(data.episodeForTraining(1, 3, 10).z(), e3.z()))
        .isFalse();
  }

  @Test
  void aVeryNegativeLogvarGivesBackZ() throws IOException {
    Episode encoded = TestEpisodes.traced(2, 6);
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), encoded, logvar(encoded, -400f));
    Dataset data = EpisodeStore.load(dir);
    assertThat(data.episodeForTraining(0, 1, 5)).isEqualTo(encoded);
  }

  @Test
  void logvarOfAnotherShapeOrNotFiniteIsRefusedNamingFileAndKey() throws IOException {
    Episode e = TestEpisodes.traced(0, 3);
    Path file = dir.resolve(EpisodeStore.fileName(0));
    Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(writeAndRead(file, e)));
    arrays.put(EpisodeStore.LOGVAR, NpyArray.ofFloats(new float[3], 3, 1));
    Npz.write(file, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir))
        .isInstanceOf(EpisodeFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("key 'logvar'")
        .hasMessageContaining("like 'z'");
    float[] nan = new float[4 * e.zSize()];
    nan[5] = Float.NaN;
    arrays.put(EpisodeStore.LOGVAR, NpyArray.ofFloats(nan, 4, e.zSize()));
    Npz.write(file, arrays);
    assertThatThrownBy(() -> EpisodeStore.load(dir)).hasMessageContaining("NaN at [");
  }

  private static Path writeAndRead(Path file, Episode e) throws IOException {
    EpisodeStore.write(file, e);
    return file;
  }
}
