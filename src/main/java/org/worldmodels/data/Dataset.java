package org.worldmodels.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.worldmodels.util.Seeds;

/**
 * The episodes of a data directory, in order (episode files by name, then each series file's rows
 * in place of the file), with the action space from {@code spec.json} or inferred from the data.
 * Every episode has the same latent width {@link #zSize()} and action width {@link #actionSize()}.
 *
 * <p>Two views: {@link #episode(int)} is fixed (series rows use {@code mu}, encoded episodes their
 * {@code z}, the encoder's mean); {@link #episodeForTraining(int, long, long)} redraws the latents
 * of series rows and of encoded episodes with a {@code logvar} key per epoch. Plain episodes are
 * the same in both.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class Dataset {
  private final List<Episode> episodes;
  private final List<SeriesEpisode> series; // null where the episode is a plain one
  private final List<String> sources;
  private final DataSpec spec;
  private final boolean specGiven;
  private volatile String fingerprint;

  private Dataset(
      List<Episode> episodes,
      List<SeriesEpisode> series,
      List<String> sources,
      DataSpec spec,
      String specSource) {
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one episode");
    }
    this.episodes = List.copyOf(episodes);
    this.series = new ArrayList<>(series);
    this.sources = List.copyOf(sources);
    checkWidths();
    Episode first = episodes.get(0);
    if (spec != null) {
      if (spec.zSize() != first.zSize() || spec.actionSize() != first.actionSize()) {
        throw new EpisodeFormatException(
            specSource
                + ": z_size "
                + spec.zSize()
                + " and action size "
                + spec.actionSize()
                + " do not match the data: z size "
                + first.zSize()
                + " and action size "
                + first.actionSize()
                + " in "
                + sources.get(0),
            null);
      }
      this.spec = spec;
    } else {
      this.spec = new DataSpec(first.zSize(), inferBox(), null, null);
    }
    this.specGiven = spec != null;
  }

  /**
   * A dataset of in-memory episodes (named {@code episode 0}, {@code episode 1}... in messages).
   *
   * @param spec the spec, or null to infer a box action space from the data
   * @throws IllegalArgumentException if the list is empty, widths differ, or the spec disagrees
   */
  public static Dataset of(List<Episode> episodes, DataSpec spec) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < episodes.size(); i++) {
      names.add("episode " + i);
    }
    return new Dataset(episodes, nulls(episodes.size()), names, spec, "spec");
  }

  /** Built by {@link EpisodeStore#load}: entries with their sources and series rows. */
  static Dataset of(
      List<Episode> episodes,
      List<SeriesEpisode> series,
      List<String> sources,
      DataSpec spec,
      String specSource) {
    return new Dataset(episodes, series, sources, spec, specSource);
  }

  /** Number of episodes (series rows count one each). */
  public int size() {
    return episodes.size();
  }

  /** Width Z of a latent. */
  public int zSize() {
    return spec.zSize();
  }

  /** Width A of an action. */
  public int actionSize() {
    return spec.actionSize();
  }

  /** The spec: from {@code spec.json} if the directory had one, else inferred. */
  public DataSpec spec() {
    return spec;
  }

  /** Whether the spec came from {@code spec.json} (or the caller) rather than the data. */
  public boolean specGiven() {
    return specGiven;
  }

  /** Episode {@code i} for evaluation: series rows use {@code z = mu}. */
  public Episode episode(int i) {
    return episodes.get(i);
  }

  /** Number of transitions of episode {@code i}. */
  public int length(int i) {
    return episodes.get(i).length();
  }

  /**
   * Whether episode {@code i} is a row of a series file or an encoded episode with {@code logvar}
   * (its training latents are redrawn).
   */
  public boolean isSeries(int i) {
    return series.get(i) != null;
  }

  /**
   * Where episode {@code i} came from, e.g. {@code data/episode_000003.npz} or {@code s.npz[7]}.
   */
  public String source(int i) {
    return sources.get(i);
  }

  /**
   * Episode {@code i} as training sees it in {@code epoch}: plain episodes as they are; series rows
   * and encoded episodes with {@code logvar} (where {@code mu} is {@code z}) {@code z = mu +
   * exp(logvar / 2) * eps}, eps drawn from {@code Seeds.stream(seed, epoch, i)}, so the draw
   * depends on (seed, epoch, episode) alone.
   */
  public Episode episodeForTraining(int i, long epoch, long seed) {
    SeriesEpisode s = series.get(i);
    return s == null ? episodes.get(i) : s.sample(Seeds.stream(seed, epoch, i));
  }

  /** Total number of transitions. */
  public long transitions() {
    long n = 0;
    for (Episode e : episodes) {
      n += e.length();
    }
    return n;
  }

  /** Whether any reward is non-zero (then a reward head is worth training). */
  public boolean hasNonZeroReward() {
    for (Episode e : episodes) {
      for (float r : e.reward()) {
        if (r != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether any step is terminated (then a done head is worth training). */
  public boolean hasTerminated() {
    for (Episode e : episodes) {
      for (boolean t : e.terminated()) {
        if (t) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * SHA-256 (hex) of the data, for checkpoint metadata: the same arrays in the same order give the
   * same value wherever the files live. Hashed, per episode: a kind byte (0 episode, 1 series), T,
   * Z and A as little-endian ints, then the float bits of z (or mu and logvar), action and reward,
   * then terminated and truncated as 0/1 bytes. The spec and file names are not included.
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = computeFingerprint();
      fingerprint = f;
    }
    return f;
  }

  private String computeFingerprint() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    sha.update("worldmodels-dataset-v1".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < episodes.size(); i++) {
      Episode e = episodes.get(i);
      SeriesEpisode s = series.get(i);
      ByteBuffer head = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
      head.put((byte) (s == null ? 0 : 1)).putInt(e.length()).putInt(e.zSize());
      head.putInt(e.actionSize());
      sha.update(head.array());
      if (s == null) {
        update(sha, e.z());
      } else {
        update(sha, s.mu());
        update(sha, s.logvar());
      }
      update(sha, e.action());
      update(sha, new float[][] {e.reward()});
      update(sha, e.terminated());
      update(sha, e.truncated());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, float[][] rows) {
    for (float[] row : rows) {
      ByteBuffer b = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(row);
      sha.update(b.array());
    }
  }

  private static void update(MessageDigest sha, boolean[] flags) {
    byte[] b = new byte[flags.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (flags[i] ? 1 : 0);
    }
    sha.update(b);
  }

  private void checkWidths() {
    Episode first = episodes.get(0);
    for (int i = 1; i < episodes.size(); i++) {
      Episode e = episodes.get(i);
      if (e.zSize() != first.zSize()) {
        throw mismatch(i, "z", e.zSize(), first.zSize());
      }
      if (e.actionSize() != first.actionSize()) {
        throw mismatch(i, "action", e.actionSize(), first.actionSize());
      }
    }
  }

  private EpisodeFormatException mismatch(int i, String key, int found, int expected) {
    String what = key.equals("z") ? "z size " : "action size ";
    return new EpisodeFormatException(
        sources.get(i)
            + ": key '"
            + key
            + "': "
            + what
            + found
            + " differs from "
            + what
            + expected
            + " in "
            + sources.get(0)
            + "; every episode needs the same width",
        null);
  }

  /** The box spanned by the data's actions, per dimension. */
  private ActionSpec.Box inferBox() {
    int a = episodes.get(0).actionSize();
    double[] low = new double[a];
    double[] high = new double[a];
    Arrays.fill(low, Double.POSITIVE_INFINITY);
    Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (Episode e : episodes) {
      for (float[] row : e.action()) {
        for (int j = 0; j < a; j++) {
          low[j] = Math.min(low[j], row[j]);
          high[j] = Math.max(high[j], row[j]);
        }
      }
    }
    return new ActionSpec.Box(low, high);
  }

  private static List<SeriesEpisode> nulls(int n) {
    List<SeriesEpisode> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(null);
    }
    return list;
  }
}
