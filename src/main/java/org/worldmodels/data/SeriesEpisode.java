package org.worldmodels.data;

import java.util.random.RandomGenerator;

/**
 * One row of a World Models series file: a VAE's posterior {@code N(mu, exp(logvar))} for each of T
 * frames instead of fixed latents, and the T-1 transitions between them (the file's last action has
 * no following frame and is dropped).
 *
 * <p>Training redraws {@code z = mu + exp(logvar / 2) * eps} every epoch, as World Models did, so
 * the model sees the encoder's uncertainty; evaluation uses {@code mu}.
 *
 * @param mu posterior means, shape [T, Z]
 * @param logvar posterior log-variances, shape [T, Z]
 * @param mean the evaluation view: {@code z = mu}, the file's actions, rewards and flags
 */
record SeriesEpisode(float[][] mu, float[][] logvar, Episode mean) {

  /**
   * The episode with latents drawn from the posterior. Noise is drawn in a fixed order, frame by
   * frame and within a frame dimension by dimension, one {@code nextGaussian()} each; the sum is
   * computed in double and rounded once to float.
   */
  Episode sample(RandomGenerator rng) {
    float[][] z = new float[mu.length][];
    for (int t = 0; t < mu.length; t++) {
      float[] m = mu[t];
      float[] lv = logvar[t];
      float[] row = new float[m.length];
      for (int j = 0; j < m.length; j++) {
        row[j] = (float) (m[j] + Math.exp(lv[j] / 2.0) * rng.nextGaussian());
      }
      z[t] = row;
    }
    return new Episode(z, mean.action(), mean.reward(), mean.terminated(), mean.truncated());
  }
}
