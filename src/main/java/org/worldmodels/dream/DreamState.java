package org.worldmodels.dream;

/**
 * A copy of a dream's whole state, to branch many futures from one point: LSTM state, each row's
 * random stream, and the last head output (for {@link DreamEnv#logLikelihood}).
 *
 * @param h LSTM outputs {@code [B * H]}
 * @param c LSTM cells {@code [B * H]}
 * @param rng each row's stream state {@code [B]}
 * @param y last head outputs {@code [B * O]}
 * @param stepped whether {@code y} holds a step's output
 */
public record DreamState(float[] h, float[] c, long[] rng, float[] y, boolean stepped) {
  public DreamState {
    h = h.clone();
    c = c.clone();
    rng = rng.clone();
    y = y.clone();
  }

  @Override
  public float[] h() {
    return h.clone();
  }

  @Override
  public float[] c() {
    return c.clone();
  }

  @Override
  public long[] rng() {
    return rng.clone();
  }

  @Override
  public float[] y() {
    return y.clone();
  }
}
