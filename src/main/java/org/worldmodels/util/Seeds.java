package org.worldmodels.util;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a seed and a key (row id, epoch, episode...), so that a
 * stream depends only on what it is keyed by, never on what else runs beside it.
 */
public final class Seeds {
  private Seeds() {}

  /** The SplitMix64 finaliser: a bijective mix of all 64 bits. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Mixes a seed with any number of keys into one well-spread 64-bit value. */
  public static long mix(long seed, long... keys) {
    long h = mix64(seed + 0x9e3779b97f4a7c15L);
    for (long k : keys) {
      h = mix64(h ^ mix64(k + 0x632be59bd9b4e019L));
    }
    return h;
  }

  /** A fresh stream keyed by (seed, keys...). */
  public static SplittableRandom stream(long seed, long... keys) {
    return new SplittableRandom(mix(seed, keys));
  }
}
