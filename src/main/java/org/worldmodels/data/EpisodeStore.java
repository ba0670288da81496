package org.worldmodels.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.NpyFormatException;
import org.worldmodels.io.Npz;
import org.worldmodels.util.Check;

/**
 * Episode files and data directories (ARCHITECTURE.md, "Episode files").
 *
 * <p>An episode file is an npz with {@code z} [T+1, Z] (float32; float16/64 accepted), {@code
 * action} [T, A] float32, {@code reward} [T] float32, {@code terminated} and {@code truncated} [T]
 * bool. The contract requires all five; to read files of other tools, a missing {@code reward}
 * reads as zeros and missing flags as false, and 0/1 numbers stand in for bools. Other keys are
 * ignored (and not decoded). A data directory holds episode files, World Models series files (see
 * {@link SeriesFile}) and an optional {@code spec.json}.
 *
 * <pre>{@code
 * EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), episode);
 * EpisodeStore.writeSpec(dir, spec);
 * Dataset data = EpisodeStore.load(dir);
 * }</pre>
 *
 * <p>Episodes of a pixel environment also hold {@code frames} (uint8 [T+1, H, W, 3]) and {@code
 * state} (float32 [T+1, S]) and, until a vision model encodes them, no {@code z}: {@link #read}
 * returns them whole, {@link FrameEpisodes} streams their frames, and {@link #load} (training,
 * evaluation) refuses them, naming {@code vae encode}; it never decodes frames or state.
 *
 * <p>Every problem with the data is an {@link EpisodeFormatException} with a one-line message
 * naming file, key, what was expected and what was found.
 */
public final class EpisodeStore {
  /** The optional spec file of a data directory. */
  public static final String SPEC_FILE = "spec.json";

  /** The key of an episode's frames, uint8 [T+1, H, W, 3]. */
  public static final String FRAMES = "frames";

  /** The key of a pixel episode's vector observations, float32 [T+1, S]. */
  public static final String STATE = "state";

  /**
   * The key of an encoded episode's posterior log-variances, float32 [T+1, Z] beside {@code z} (the
   * encoder's mean), written by {@code vae encode}.
   */
  public static final String LOGVAR = "logvar";

  private static final Set<String> EPISODE_KEYS =
      Set.of("z", "action", "reward", "terminated", "truncated");

  private static final Set<String> ALL_KEYS =
      Set.of("z", "action", "reward", "terminated", "truncated", FRAMES, STATE);

  /** Why frames without latents cannot be trained on: one line naming the fix. */
  static final String NOT_ENCODED =
      "holds frames without 'z' (pixel episodes); encode them first with `vae encode`, then"
          + " train on its output";

  private EpisodeStore() {}

  /** The file name of episode {@code i}: {@code episode_000042.npz}. */
  public static String fileName(int i) {
    return String.format(Locale.ROOT, "episode_%06d.npz", i);
  }

  /**
   * The {@code *.npz} files of {@code dir}, sorted by name (so order never depends on the file
   * system); possibly empty.
   *
   * @throws EpisodeFormatException if {@code dir} is missing or not a directory
   */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new EpisodeFormatException(dir, "no such data directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new EpisodeFormatException(dir, "not a directory; expected a directory of .npz files");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".npz"))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /**
   * Reads one episode file, with its {@code frames} and {@code state} if it has them (then {@code
   * z} may be absent).
   */
  public static Episode read(Path file) throws IOException {
    return read(file, keys(file), true);
  }

  /**
   * Reads an episode file; {@code withFrames} false leaves {@code frames} and {@code state}
   * undecoded and requires {@code z}, naming {@code vae encode} for frames without latents.
   */
  private static Episode read(Path file, List<String> keys, boolean withFrames) throws IOException {
    if (SeriesFile.isSeries(keys)) {
      throw new EpisodeFormatException(
          file,
          "is a World Models series file (keys 'mu', 'logvar'), not one episode; load its"
              + " directory with EpisodeStore.load");
    }
    if (!withFrames && !keys.contains("z") && keys.contains(FRAMES)) {
      throw new EpisodeFormatException(file, NOT_ENCODED);
    }
    NpzArrays f = new NpzArrays(file, readArrays(file, withFrames ? ALL_KEYS : EPISODE_KEYS), keys);
    Frames frames = withFrames ? frames(f) : null;
    NpyArray z =
        frames != null
            ? f.optional("z")
            : f.require("z", "float32 [T+1, Z] (or a series file with 'mu' and 'logvar')");
    NpyArray action = f.require("action", "float32 [T, A]");
    if (z != null) {
      f.requireFloating("z", z);
      f.requireRank("z", z, 2, "[T+1, Z]");
    }
    f.requireFloating("action", action);
    f.requireRank("action", action, 2, "[T, A]");
    int t = action.dim(0);
    float[] reward = new float[t];
    NpyArray r = f.optional("reward");
    if (r != null) {
      f.requireNumeric("reward", r);
      f.requireRank("reward", r, 1, "[T]");
      reward = r.asFloats();
    }
    boolean[] terminated = flags(f, "terminated", t);
    boolean[] truncated = flags(f, "truncated", t);
    NpyArray state = withFrames ? f.optional(STATE) : null;
    if (state != null) {
      f.requireFloating(STATE, state);
      f.requireRank(STATE, state, 2, "[T+1, S]");
    }
    try {
      return new Episode(
          z == null ? null : NpzArrays.rows(z.asFloats(), z.dim(0), z.dim(1)),
          NpzArrays.rows(action.asFloats(), t, action.dim(1)),
          reward,
          terminated,
          truncated,
          frames,
          state == null ? null : NpzArrays.rows(state.asFloats(), state.dim(0), state.dim(1)));
    } catch (IllegalArgumentException e) {
      // The record names the key; the file is added here.
      throw new EpisodeFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** The {@code frames} of an episode file, or null if it has none. */
  private static Frames frames(NpzArrays f) {
    NpyArray a = f.optional(FRAMES);
    return a == null ? null : f.frames(FRAMES, a);
  }

  /**
   * Writes {@code e} to {@code file} atomically: {@code z} (if any), {@code action}, {@code
   * reward}, {@code terminated}, {@code truncated} as float32 and bool arrays, then {@code frames}
   * (uint8) and {@code state} (float32) if the episode has them.
   */
  public static void write(Path file, Episode e) throws IOException {
    write(file, e, null);
  }

  /**
   * Writes an encoded episode: as {@link #write(Path, Episode)}, with {@code logvar} (float32 [T+1,
   * Z], the posterior's log-variances around {@code z}) after {@code z}.
   *
   * @param logvar null for none
   */
  public static void write(Path file, Episode e, float[][] logvar) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    if (e.hasZ()) {
      arrays.put("z", NpyArray.ofRows(e.z(), e.zSize()));
    }
    if (logvar != null) {
      Check.argument(
          e.hasZ() && logvar.length == e.z().length && logvar[0].length == e.zSize(),
          "key 'logvar': expected the shape of 'z', [T+1, Z]");
      arrays.put(LOGVAR, NpyArray.ofRows(logvar, e.zSize()));
    }
    arrays.put("action", NpyArray.ofRows(e.action(), e.actionSize()));
    arrays.put("reward", NpyArray.ofFloats(e.reward().clone(), e.length()));
    arrays.put("terminated", NpyArray.ofBooleans(e.terminated().clone(), e.length()));
    arrays.put("truncated", NpyArray.ofBooleans(e.truncated().clone(), e.length()));
    if (e.hasFrames()) {
      Frames fr = e.frames();
      arrays.put(FRAMES, new NpyArray(NpyArray.DType.UINT8, fr.shape(), fr.data()));
    }
    if (e.state() != null) {
      arrays.put(STATE, NpyArray.ofRows(e.state(), e.state()[0].length));
    }
    Npz.write(file, arrays);
  }

  /** The spec of {@code dir}, if it has a {@code spec.json}. */
  public static Optional<DataSpec> readSpec(Path dir) {
    Path file = dir.resolve(SPEC_FILE);
    return Files.exists(file) ? Optional.of(DataSpec.read(file)) : Optional.empty();
  }

  /** Writes {@code dir/spec.json} atomically. */
  public static void writeSpec(Path dir, DataSpec spec) throws IOException {
    spec.write(dir.resolve(SPEC_FILE));
  }

  /**
   * Loads every episode of {@code dir}: the {@code *.npz} files in name order, each episode file
   * one episode and each series file its rows, plus {@code spec.json} if present.
   *
   * @throws EpisodeFormatException if the directory is missing or has no {@code .npz}, a file
   *     breaks the contract, widths differ between files, the spec disagrees with the data, or the
   *     episodes are frames without {@code z}
   */
  public static Dataset load(Path dir) throws IOException {
    List<Path> files = list(dir);
    if (files.isEmpty()) {
      throw new EpisodeFormatException(
          dir, "no .npz files; expected episodes named like " + fileName(0));
    }
    Optional<DataSpec> spec = readSpec(dir);
    if (spec.isPresent() && !spec.get().hasZ()) {
      throw new EpisodeFormatException(
          dir.resolve(SPEC_FILE),
          "records image observations without z_size (pixel episodes); encode them first with"
              + " `vae encode`, then train on its output");
    }
    List<Episode> episodes = new ArrayList<>();
    List<SeriesEpisode> series = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path file : files) {
      List<String> keys = keys(file);
      if (SeriesFile.isSeries(keys)) {
        List<SeriesEpisode> rows = SeriesFile.read(file, keys);
        for (int i = 0; i < rows.size(); i++) {
          episodes.add(rows.get(i).mean());
          series.add(rows.get(i));
          sources.add(file + "[" + i + "]");
        }
      } else {
        Episode e = read(file, keys, false);
        episodes.add(e);
        // Encoded episodes (vae encode) carry their posterior: training redraws z as for series.
        series.add(keys.contains(LOGVAR) ? new SeriesEpisode(e.z(), logvar(file, e), e) : null);
        sources.add(file.toString());
      }
    }
    return Dataset.of(
        episodes, series, sources, spec.orElse(null), dir.resolve(SPEC_FILE).toString());
  }

  /**
   * The {@code logvar} of an encoded episode file: float [T+1, Z] like {@code z}, finite and at
   * most {@link SeriesFile#MAX_LOGVAR}.
   */
  private static float[][] logvar(Path file, Episode e) throws IOException {
    NpzArrays f = new NpzArrays(file, readArrays(file, Set.of(LOGVAR)), List.of(LOGVAR));
    NpyArray a = f.require(LOGVAR, "float32 [T+1, Z] like 'z'");
    f.requireFloating(LOGVAR, a);
    if (a.rank() != 2 || a.dim(0) != e.length() + 1 || a.dim(1) != e.zSize()) {
      throw new EpisodeFormatException(
          file,
          LOGVAR,
          "shape "
              + java.util.Arrays.toString(a.shape())
              + "; expected [T+1, Z] = ["
              + (e.length() + 1)
              + ", "
              + e.zSize()
              + "] like 'z'");
    }
    float[] v = a.asFloats();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i]) || v[i] > SeriesFile.MAX_LOGVAR) {
        throw new EpisodeFormatException(
            file,
            LOGVAR,
            v[i]
                + " at ["
                + i / e.zSize()
                + ", "
                + i % e.zSize()
                + "]; expected finite values <= "
                + SeriesFile.MAX_LOGVAR);
      }
    }
    return NpzArrays.rows(v, a.dim(0), a.dim(1));
  }

  static List<String> keys(Path file) throws IOException {
    try {
      return Npz.keys(file);
    } catch (NpyFormatException e) {
      throw new EpisodeFormatException(e.getMessage(), e);
    }
  }

  static Map<String, NpyArray> readArrays(Path file, Set<String> keys) throws IOException {
    try {
      return Npz.read(file, keys::contains);
    } catch (NpyFormatException e) {
      throw new EpisodeFormatException(e.getMessage(), e);
    }
  }

  private static boolean[] flags(NpzArrays f, String key, int t) {
    NpyArray a = f.optional(key);
    if (a == null) {
      return new boolean[t];
    }
    f.requireRank(key, a, 1, "[T]");
    return f.flags(key, a);
  }
}
