package org.worldmodels.dream;

/**
 * A batch of dreamed environments: the MDN-RNN used as the world. Each of the {@code B} rows has
 * its own LSTM state and its own random stream keyed by (seed, row id), so a row's future depends
 * on neither the other rows nor the batch size.
 *
 * <pre>{@code
 * try (WorldModel m = WorldModel.load(dir);
 *      DreamEnv env = m.dreamEnv(16, 1.0, 42)) {
 *   env.reset(z0);                          // [16][Z]
 *   float[][] z = z0;
 *   for (int t = 0; t < 100; t++) {
 *     DreamStep s = env.step(z, policy(z, env.hidden()));
 *     z = s.z();
 *   }
 * }
 * }</pre>
 *
 * <p>{@code step} feeds the given {@code (z, a)} to the LSTM and samples the next latent from the
 * mixture. Passing a real observation instead of the last sample conditions the model, so
 * conditioning on real data and then dreaming needs nothing extra. Not thread-safe: use one
 * DreamEnv per thread (several may share one {@code WorldModel}).
 */
public interface DreamEnv extends AutoCloseable {
  /** Starts every row from {@code z0} {@code [B][Z]} with zero LSTM state. */
  void reset(float[][] z0);

  /**
   * Advances every row one step.
   *
   * @param z latents {@code [B][Z]}
   * @param action actions {@code [B][A]}; discrete actions one-hot
   * @return next latents {@code [B][Z]}, rewards {@code [B]} and done flags {@code [B]}
   */
  DreamStep step(float[][] z, float[][] action);

  /** Releases native resources; a second call does nothing. */
  @Override
  void close();

  /**
   * Restarts the given rows only, from {@code z0} {@code [rows.length][Z]}, with zero state; their
   * random streams continue.
   */
  void reset(int[] rows, float[][] z0);

  /**
   * Restarts the given rows with fresh streams keyed by {@code rowIds} (so row slot {@code rows[i]}
   * now dreams exactly as row id {@code rowIds[i]} would in any batch).
   */
  void reset(int[] rows, long[] rowIds, float[][] z0);

  /** The LSTM outputs {@code h} {@code [B][H]} before the next step (a controller's input). */
  float[][] hidden();

  /**
   * {@code ln p(zNext)} per row, under the mixture predicted by the last {@code step}: how
   * surprising an observed transition is. Sums over latent dimensions; untempered.
   *
   * @throws IllegalStateException before the first step
   */
  double[] logLikelihood(float[][] zNext);

  /** A copy of the whole state. */
  DreamState snapshot();

  /** Returns to a state taken by {@link #snapshot()} of a dream of the same shape. */
  void restore(DreamState state);

  /** Rows {@code B}. */
  int batchSize();

  /** Latent size {@code Z}. */
  int zSize();

  /** Action size {@code A}. */
  int actionSize();
}
