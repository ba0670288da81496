package org.worldmodels.mdn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class TuneExperiment {
  @Test
  void run() {
    String[] cfgs = System.getProperty("cfgs", "8000:0.005").split(";");
    long[] dataSeeds =
        java.util.Arrays.stream(System.getProperty("data", "101").split(","))
            .mapToLong(Long::parseLong)
            .toArray();
    for (long ds : dataSeeds) {
      double[][] train = InvertedSine.sample(2000, ds);
      double[][] test = InvertedSine.sample(2000, ds + 1);
      for (String c : cfgs) {
        String[] p = c.split(":");
        int[] hidden =
            p.length > 3
                ? java.util.Arrays.stream(p[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {32, 32};
        MdnConfig cfg =
            new MdnConfig(
                5,
                "gaussian",
                p.length > 2 ? p[2] : "exp",
                "identity",
                hidden,
                Integer.parseInt(p[0]),
                Double.parseDouble(p[1]),
                p.length > 4 ? Double.parseDouble(p[4]) : 0,
                p.length > 5 ? Double.parseDouble(p[5]) : 0,
                0);
        long t0 = System.nanoTime();
        MdnRegressor m =
            MdnRegressor.fit(train[1], train[0], cfg, org.worldmodels.util.Progress.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "data %d cfg %s train %.4f test %.4f  %.1fs%n",
            ds, c, m.negLogLikelihood(train[1], train[0]), m.negLogLikelihood(test[1], test[0]), s);
      }
    }
  }
}
