package org.worldmodels.vision;

import java.util.List;

/**
 * Figures of a VAE on a set of frames, reconstructed from the mean latent.
 *
 * @param reconMse mean over frames, pixels and channels of the squared error, values in [0, 1]
 * @param kl unfloored KL in nats, summed over z, mean over frames
 * @param frames number of frames
 */
public record VaeEvaluation(double reconMse, double kl, long frames) {
  /** Evaluates {@code graph} on {@code frames} in batches of {@code batch}. */
  static VaeEvaluation of(VaeGraph graph, List<byte[]> frames, int batch) {
    int values = graph.config().frameValues();
    double se = 0;
    double kl = 0;
    for (int start = 0; start < frames.size(); start += batch) {
      int b = Math.min(batch, frames.size() - start);
      byte[] buf = new byte[b * values];
      for (int i = 0; i < b; i++) {
        System.arraycopy(frames.get(start + i), 0, buf, i * values, values);
      }
      VaeGraph.FrameFigures f = graph.evaluate(buf);
      for (int i = 0; i < b; i++) {
        se += f.squaredError()[i];
        kl += f.kl()[i];
      }
    }
    long n = frames.size();
    return n == 0
        ? new VaeEvaluation(Double.NaN, Double.NaN, 0)
        : new VaeEvaluation(se / ((double) n * values), kl / n, n);
  }
}
