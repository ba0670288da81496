package org.worldmodels.mdn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.io.CsvTable;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Seeds;

/** Runs a {@link PredictRequest}: what {@code mdn predict} does, as a library call. */
public final class Predictions {
  private Predictions() {}

  /**
   * Writes {@code <input>,mode,mean,sample_1..sample_S}, one row per input row, to {@code
   * request.out()}.
   *
   * @return the number of rows written
   * @throws IllegalArgumentException naming the path for an existing output, a missing or corrupt
   *     model, or data without the model's input column
   * @throws IOException if the output cannot be written
   */
  public static int write(PredictRequest request) throws IOException {
    Temperature tau = Temperature.of(request.temperature());
    OutputDir.requireNewFile(request.out());
    MdnRegressor m = MdnRegressor.load(request.model());
    String input = m.metadata().input();
    double[] x = CsvTable.read(request.data(), input).column(input);
    int samples = request.samples();
    List<String> header = new ArrayList<>(List.of(input, "mode", "mean"));
    for (int s = 1; s <= samples; s++) {
      header.add("sample_" + s);
    }
    List<double[]> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      Mixture mix = m.mixture(x[i]);
      double[] row = new double[3 + samples];
      row[0] = x[i];
      row[1] = mix.mode();
      row[2] = mix.mean();
      // Row i's samples come from a stream keyed by (seed, i): independent of the other rows.
      var rng = Seeds.stream(request.seed(), i);
      for (int s = 0; s < samples; s++) {
        row[3 + s] = mix.sample(tau, rng);
      }
      rows.add(row);
    }
    CsvTable.write(request.out(), header, rows);
    return x.length;
  }
}
