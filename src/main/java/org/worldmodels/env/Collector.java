package org.worldmodels.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.util.Check;
import org.worldmodels.util.Progress;

/**
 * Records episodes of a {@link Policy} acting in an {@link Env}, in the episode format of
 * ARCHITECTURE.md: {@code z} is the encoded observation ({@code z[0]} after reset, {@code z[t+1]}
 * after step t), actions are stored as applied ({@link AppliedActions}), and {@code terminated} and
 * {@code truncated} stay apart.
 *
 * <pre>{@code
 * try (Env env = Envs.make("cartpole")) {
 *   Collector c = new Collector(env, new RandomPolicy(env.actionSpace(), 7));
 *   CollectResult r = c.write(dir, 100, 7, Progress.NONE); // episode_000000.npz ... + spec.json
 * }
 * }</pre>
 *
 * <p>Episode {@code i} of a run with seed {@code S} resets the environment and the policy with
 * {@code S + i}, so it depends on nothing but {@code (S, i)}: the same seed gives the same episodes
 * and byte-identical files, and episode 7 is the same whether 8 or 800 are collected.
 */
public final class Collector {
  /** Most episodes one run may write: their six-digit file names then sort in episode order. */
  public static final int MAX_EPISODES = 1_000_000;

  private final Env env;
  private final Policy policy;
  private final Encoder encoder;

  /** A collector storing observations themselves as latents ({@link IdentityEncoder}). */
  public Collector(Env env, Policy policy) {
    this(env, policy, IdentityEncoder.INSTANCE);
  }

  /** A collector storing {@code encoder.encode(observation)} as latents. */
  public Collector(Env env, Policy policy, Encoder encoder) {
    Check.argument(env != null, "env must not be null");
    Check.argument(policy != null, "policy must not be null");
    Check.argument(encoder != null, "encoder must not be null");
    this.env = env;
    this.policy = policy;
    this.encoder = encoder;
  }

  /**
   * Runs one episode to its end (terminated or truncated), with the environment and the policy
   * reset with {@code seed}.
   */
  public Episode episode(long seed) {
    policy.reset(seed);
    List<float[]> z = new ArrayList<>();
    List<float[]> actions = new ArrayList<>();
    List<StepResult> steps = new ArrayList<>();
    float[] observation = env.reset(seed);
    z.add(encoder.encode(observation));
    StepResult r;
    do {
      float[] action = AppliedActions.of(env.actionSpace(), policy.act(observation));
      r = env.step(action);
      actions.add(action);
      steps.add(r);
      observation = r.observation();
      z.add(encoder.encode(observation));
    } while (!r.done()); // the env's time limit ends every episode

    int t = steps.size();
    float[] reward = new float[t];
    boolean[] terminated = new boolean[t];
    boolean[] truncated = new boolean[t];
    for (int i = 0; i < t; i++) {
      reward[i] = (float) steps.get(i).reward(); // files hold float32 rewards
      terminated[i] = steps.get(i).terminated();
      truncated[i] = steps.get(i).truncated();
    }
    return new Episode(
        z.toArray(float[][]::new), actions.toArray(float[][]::new), reward, terminated, truncated);
  }

  /** Episodes {@code 0..episodes-1}, episode i reset with {@code seed + i}, kept in memory. */
  public List<Episode> collect(int episodes, long seed) {
    checkEpisodes(episodes);
    List<Episode> out = new ArrayList<>(episodes);
    for (int i = 0; i < episodes; i++) {
      out.add(episode(seed + i));
    }
    return out;
  }

  /**
   * Collects episodes {@code 0..episodes-1} (episode i reset with {@code seed + i}) and writes each
   * to {@code dir/episode_%06d.npz} as soon as it ends, then {@code dir/spec.json}. The directory
   * is created if missing; the caller decides where it lives (a staging directory, usually) and
   * that it holds no other episodes.
   *
   * @param progress told of each finished episode
   */
  public CollectResult write(Path dir, int episodes, long seed, Progress progress)
      throws IOException {
    checkEpisodes(episodes);
    Files.createDirectories(dir);
    long steps = 0;
    progress.start("collect", episodes);
    try {
      for (int i = 0; i < episodes; i++) {
        Episode e = episode(seed + i);
        EpisodeStore.write(dir.resolve(EpisodeStore.fileName(i)), e);
        steps += e.length();
        progress.update(i + 1, steps + " steps");
      }
    } finally {
      progress.finish();
    }
    EpisodeStore.writeSpec(dir, spec());
    return new CollectResult(episodes, steps);
  }

  /**
   * The {@code spec.json} of what this collector records: latent width, the environment's action
   * space, its time limit and its id.
   */
  public DataSpec spec() {
    int zSize = encoder.zSize(env.observationSpace());
    return new DataSpec(zSize, actionSpec(env.actionSpace()), env.maxEpisodeSteps(), env.id());
  }

  /** The {@code spec.json} form of an action space. */
  public static ActionSpec actionSpec(Space space) {
    if (space instanceof Discrete d) {
      return new ActionSpec.Discrete(d.n());
    }
    Box b = (Box) space; // Space is sealed: Box or Discrete
    double[] low = new double[b.dimension()];
    double[] high = new double[b.dimension()];
    for (int i = 0; i < low.length; i++) {
      low[i] = b.low(i);
      high[i] = b.high(i);
    }
    return new ActionSpec.Box(low, high);
  }

  private static void checkEpisodes(int episodes) {
    Check.inRange("episodes", episodes, 1, MAX_EPISODES);
  }
}
