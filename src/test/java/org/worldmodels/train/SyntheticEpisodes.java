package org.worldmodels.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;

/**
 * Episodes with a known stochastic transition, so a trained model can be compared with the true
 * conditional entropy. Two latent dimensions and one action {@code a ~ U(-1, 1)}:
 *
 * <ul>
 *   <li>{@code z0' = +M} with probability {@code p(a) = sigmoid(K a)}, else {@code -M}, plus {@code
 *       N(0, S0^2)} noise: two modes whose odds depend on the action;
 *   <li>{@code z1' = R z1 + N(0, S1^2)}: Gaussian noise around a function of the state.
 * </ul>
 *
 * <p>The modes are {@code 2M / S0 = 20} standard deviations apart, so the entropy of {@code z0'} is
 * {@code H_bernoulli(p(a)) + (1/2) log(2 pi e S0^2)} to within {@code 1e-20}.
 */
public final class SyntheticEpisodes {
  public static final double M = 1.0;
  public static final double K = 3.0;
  public static final double S0 = 0.1;
  public static final double R = 0.5;
  public static final double S1 = 0.3;

  private SyntheticEpisodes() {}

  /** Probability of the upper mode given action {@code a}. */
  public static double upperProbability(double a) {
    return 1 / (1 + Math.exp(-K * a));
  }

  /**
   * Writes {@link #generate}'s episodes as episode files into {@code dir} (created), episode i to
   * {@code EpisodeStore.fileName(i)}.
   *
   * @return {@code dir}
   */
  public static Path writeTo(Path dir, int n, int length, long seed) throws IOException {
    Files.createDirectories(dir);
    List<Episode> eps = generate(n, length, seed);
    for (int i = 0; i < eps.size(); i++) {
      EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), eps.get(i));
    }
    return dir;
  }

  /**
   * {@code n} episodes of {@code length} transitions each, from a stream seeded by {@code seed}.
   */
  public static List<Episode> generate(int n, int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Episode> out = new ArrayList<>(n);
    for (int e = 0; e < n; e++) {
      float[][] z = new float[length + 1][2];
      float[][] a = new float[length][1];
      z[0][0] = (float) (rng.nextBoolean() ? M : -M);
      z[0][1] = (float) rng.nextGaussian();
      for (int t = 0; t < length; t++) {
        double act = 2 * rng.nextDouble() - 1;
        a[t][0] = (float) act;
        boolean up = rng.nextDouble() < upperProbability(act);
        z[t + 1][0] = (float) ((up ? M : -M) + S0 * rng.nextGaussian());
        z[t + 1][1] = (float) (R * z[t][1] + S1 * rng.nextGaussian());
      }
      out.add(Episode.ofTransitions(z, a));
    }
    return out;
  }

  /**
   * The true conditional entropy per transition and dimension, averaged over the transitions of
   * {@code episodes}: the best achievable {@code nll_per_dim}. (Computed from the actions in the
   * episodes, since the entropy of {@code z0'} depends on them.)
   */
  public static double conditionalEntropyPerDim(List<Episode> episodes) {
    double gauss0 = 0.5 * Math.log(2 * Math.PI * Math.E * S0 * S0);
    double gauss1 = 0.5 * Math.log(2 * Math.PI * Math.E * S1 * S1);
    double sum = 0;
    long n = 0;
    for (Episode e : episodes) {
      for (int t = 0; t < e.length(); t++) {
        double p = upperProbability(e.action()[t][0]);
        double hb = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
        sum += (hb + gauss0) + gauss1;
        n++;
      }
    }
    return sum / (2.0 * n);
  }
}
