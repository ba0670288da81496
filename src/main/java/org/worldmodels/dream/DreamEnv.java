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
 * conditioning on real data and then dreaming needs nothing extra.
 *
 * <p>Not thread-safe: a DreamEnv holds its rows' state and must be used by one thread at a time.
 * Several DreamEnvs of one {@code WorldModel} may run on different threads at once, on either
 * backend, and each dreams exactly what it would dream alone.
 *
 * <p>Closing: {@link #close()} a second time does nothing; any other call after it, or after the
 * owning {@code WorldModel} was closed, throws {@link IllegalStateException}.
 */
public interface DreamEnv extends AutoCloseable {
  /** Starts every row from {@code z0} {@code [B][Z]} with zero LSTM state. */
  void reset(float[][] z0);

  /**
   * Advances every row one step.
   *
   * <p>Extreme inputs: every value must be finite and at most the model's {@link
   * org.worldmodels.rnn.MdnRnnCell#inputLimit()} in magnitude (about {@code 1e37} for trained
   * weights), beyond which the LSTM's float32 gate sums could overflow; anything else is refused
   * with an {@link IllegalArgumentException} naming the row and column, before any state changes.
   * Within the limit the outputs are finite: the gates saturate, so {@code z = 1e30} gives finite
   * {@code h}, mixture parameters, reward and done like any very large value. Sampling keeps the
   * tempered mixture weights finite for any temperature ({@code (logit - max) / tau}) and floors
   * every scale at {@link DreamOptions#sigmaFloor()}.
   *
   * @param z latents {@code [B][Z]}
   * @param action actions {@code [B][A]}; discrete actions one-hot
   * @return next latents {@code [B][Z]}, rewards {@code [B]} and done flags {@code [B]}
   * @throws IllegalArgumentException for a shape mismatch, a non-finite value or one beyond the
   *     input limit
   * @throws IllegalStateException after {@link #close()} or after the model's {@code close()}
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

  /**
   * Restarts the given rows as {@link #reset(int[], long[], float[][])} does, then feeds each the
   * recorded steps {@code (zPrefix[i][t], aPrefix[i][t])}, {@code t = 0..K-1}, through the LSTM
   * without sampling: row {@code rows[i]} is left with the state a real prefix gives, and its
   * random stream untouched, so it then dreams from that state exactly as a fresh row id {@code
   * rowIds[i]} would. The next {@code step} takes the start latent (recorded {@code z[K]}).
   *
   * <pre>{@code
   * env.condition(new int[] {0}, new long[] {7}, new float[][][] {zRec[0..K-1]},
   *     new float[][][] {aRec[0..K-1]});
   * DreamStep s = env.step(zAtK, action);   // zAtK: z[K] of the recording, per row
   * }</pre>
   *
   * @param zPrefix per row, {@code [K][Z]}; {@code K} the same for every row, 0 a plain reset
   * @param aPrefix per row, {@code [K][A]}
   * @throws IllegalArgumentException for a shape mismatch, rows of different {@code K}, or a value
   *     {@link #step} would refuse; nothing changes then
   */
  void condition(int[] rows, long[] rowIds, float[][][] zPrefix, float[][][] aPrefix);

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
